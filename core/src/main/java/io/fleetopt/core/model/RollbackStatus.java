package io.fleetopt.core.model;

/** SKIPPED_GUARD: the value to restore broke a rule checked at rollback time, and nothing was written. */
public enum RollbackStatus { RESTORED, ALREADY_RESTORED, SKIPPED_CHANGED_SINCE, SKIPPED_GUARD, FAILED }
