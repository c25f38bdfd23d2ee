package io.fleetopt.core.change;

/** The alarms that guard a changed function: errors, a duration near the timeout, throttles. */
public enum GuardAlarmKind { ERRORS, NEAR_TIMEOUT, THROTTLES }
