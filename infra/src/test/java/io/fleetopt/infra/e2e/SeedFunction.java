package io.fleetopt.infra.e2e;

import java.util.Map;

/**
 * One function of the emulated fleet: its configuration, its log group, and the two weeks of traffic it had.
 *
 * @param name                 function name
 * @param memoryMb             configured memory
 * @param timeoutSeconds       configured timeout
 * @param tracingMode          PassThrough or Active
 * @param reservedConcurrency  reserved concurrency, or null
 * @param tags                 the function's tags (the log group gets the same)
 * @param logRetentionDays     the log group's retention, or null (never expires)
 * @param daysOfTraffic        days with invocations, the most recent ones
 * @param dailyInvocations     invocations a day
 * @param averageDurationMs    average duration
 * @param maxDurationMs        longest invocation
 * @param maxMemoryUsedMb      the most memory an invocation used
 * @param memoryEvidence       where that is found
 */
record SeedFunction(String name, int memoryMb, int timeoutSeconds, String tracingMode, Integer reservedConcurrency,
                    Map<String, String> tags, Integer logRetentionDays, int daysOfTraffic, long dailyInvocations,
                    double averageDurationMs, double maxDurationMs, int maxMemoryUsedMb, Evidence memoryEvidence) {

    /** Where the function's max memory used can be read: Lambda Insights metrics, REPORT lines in its logs, or nowhere. */
    enum Evidence { LAMBDA_INSIGHTS, REPORT_LINES, NONE }

    String logGroupName() {
        return "/aws/lambda/" + name;
    }
}
