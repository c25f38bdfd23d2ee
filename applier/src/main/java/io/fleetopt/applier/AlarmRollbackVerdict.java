package io.fleetopt.applier;

/**
 * What a guard alarm's state change led to. IGNORED: not a fleetopt guard alarm in ALARM, or its run did not change
 * the function; OUTSIDE_WINDOW: the change is older than its guard window; ROLLED_BACK: this event restored at least
 * one value; DECLINED: nothing restored, because someone changed the values since (or a guard refused them);
 * ALREADY_HANDLED: an earlier delivery of the event, or another alarm, did it already; REFUSED: the alarm's account is
 * not its function's, or not one of the deployment's member accounts, or a member account's change has no member role
 * settings to be restored with (nothing read or changed).
 */
public enum AlarmRollbackVerdict { IGNORED, OUTSIDE_WINDOW, ROLLED_BACK, DECLINED, ALREADY_HANDLED, REFUSED }
