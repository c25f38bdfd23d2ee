package io.fleetopt.core.model;

public enum RollbackStatus { RESTORED, ALREADY_RESTORED, SKIPPED_CHANGED_SINCE, FAILED }
