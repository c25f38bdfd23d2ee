package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The evidence over the lookback window. A null value is "unknown" (no data), never zero.
 * {@code memorySource} says where {@code maxMemoryUsedMb} came from.
 */
@Serdeable
public record FunctionMetrics(
        int daysWithData,
        long invocations,
        long errors,
        long throttles,
        @Nullable Double durationAvgMs,
        @Nullable Double durationP50Ms,
        @Nullable Double durationP99Ms,
        @Nullable Double durationMaxMs,
        @Nullable Integer peakConcurrency,
        @Nullable Long asyncEventsReceived,
        @Nullable Double provisionedUtilizationMax,
        @Nullable Integer maxMemoryUsedMb,
        MemorySource memorySource,
        @Nullable Double cpuTimeRatio,
        List<DailyMetrics> daily) {

    public static FunctionMetrics none() {
        return new FunctionMetrics(0, 0, 0, 0, null, null, null, null, null, null, null, null,
                MemorySource.NONE, null, List.of());
    }
}
