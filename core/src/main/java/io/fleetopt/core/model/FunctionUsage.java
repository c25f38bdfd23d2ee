package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A function's usage over a range of days, from its own metrics (CloudWatch in AWS): invocations, on how many
 * days it ran, and its duration (average, p50, p99; null when it did not run).
 */
@Serdeable
public record FunctionUsage(
        String functionArn,
        DateRange days,
        int daysWithData,
        long invocations,
        @Nullable Double durationAvgMs,
        @Nullable Double durationP50Ms,
        @Nullable Double durationP99Ms) {

    public static FunctionUsage none(String functionArn, DateRange days) {
        return new FunctionUsage(functionArn, days, 0, 0, null, null, null);
    }

    public boolean ran() {
        return invocations > 0 && durationAvgMs != null;
    }
}
