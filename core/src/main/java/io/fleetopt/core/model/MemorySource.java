package io.fleetopt.core.model;

/** Where a function's max memory used came from, best first. NONE means memory is never cut. */
public enum MemorySource {
    LAMBDA_INSIGHTS,
    LOGS_INSIGHTS,
    LOG_SAMPLE,
    NONE
}
