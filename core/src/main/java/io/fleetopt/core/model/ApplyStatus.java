package io.fleetopt.core.model;

/**
 * What became of an approved item. SKIPPED_GUARD: a rule checked at apply time (not taken from the plan) refused
 * it, and nothing about it was written.
 */
public enum ApplyStatus {
    APPLIED,
    ALREADY_APPLIED,
    SKIPPED_DRIFT,
    SKIPPED_SCOPE,
    SKIPPED_GUARD,
    FAILED
}
