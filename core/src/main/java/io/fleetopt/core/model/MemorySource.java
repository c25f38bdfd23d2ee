package io.fleetopt.core.model;

/**
 * Where a function's max memory used came from, best first, and whether it is exact. Lambda Insights metrics,
 * Logs Insights over the whole window and a FilterLogEvents scan that paged through every REPORT line of the
 * window are exact: their maximum is the window's maximum. A sample of REPORT lines is only a lower bound
 * ({@link FunctionMetrics#memorySample()} says how large). NONE means memory is never cut.
 */
public enum MemorySource {
    LAMBDA_INSIGHTS,
    LOGS_INSIGHTS,
    LOG_SCAN,
    LOG_SAMPLE,
    NONE;

    /** True when the maximum is the window's maximum, not a lower bound of it. */
    public boolean exact() {
        return this == LAMBDA_INSIGHTS || this == LOGS_INSIGHTS || this == LOG_SCAN;
    }

    /** How the source reads in a sentence ("Lambda Insights metrics", "a sample of REPORT lines"). */
    public String description() {
        return switch (this) {
            case LAMBDA_INSIGHTS -> "Lambda Insights metrics";
            case LOGS_INSIGHTS -> "Logs Insights over every REPORT line of the window";
            case LOG_SCAN -> "every REPORT line of the window, read with FilterLogEvents";
            case LOG_SAMPLE -> "a sample of REPORT lines (a lower bound)";
            case NONE -> "no memory source";
        };
    }
}
