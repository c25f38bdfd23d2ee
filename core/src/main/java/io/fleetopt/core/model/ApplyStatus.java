package io.fleetopt.core.model;

public enum ApplyStatus {
    APPLIED,
    ALREADY_APPLIED,
    SKIPPED_DRIFT,
    SKIPPED_SCOPE,
    FAILED
}
