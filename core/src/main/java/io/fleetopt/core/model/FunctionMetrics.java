package io.fleetopt.core.model;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The evidence over the lookback window. A null value is "unknown" (no data), never zero.
 * {@code memorySource} says where {@code maxMemoryUsedMb} came from; {@code memorySample} how many REPORT lines
 * a log reading saw; {@code memoryGap} why there is no memory source when one was looked for (not reached within
 * the budget, read failed, log group shared). {@code evidenceUnavailable} is set when the metrics could not be
 * read (timeout, throttling after retries, access denied), with the cause: then the counts are not facts, and
 * nothing is reduced on them. {@code billedDurationAvgMs} is the REPORT lines' average Billed Duration (INIT
 * included where Lambda bills it) when the logs were read, else null.
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
        List<DailyMetrics> daily,
        @Nullable MemorySample memorySample,
        @Nullable String memoryGap,
        @Nullable String evidenceUnavailable,
        @Nullable Double billedDurationAvgMs) {

    /** Lambda bills INIT of managed runtimes (since August 2025): the REPORT line's Billed Duration includes it. */
    public static final String INIT_NOT_COUNTED = "duration is CloudWatch's Duration metric, without INIT: cold starts' billed"
            + " INIT (managed runtimes, since August 2025) is not counted, so the cost and saving are lower bounds";
    public static final String BILLED_DURATION = "duration is the REPORT lines' average Billed Duration, INIT included where billed";

    @Creator
    public FunctionMetrics {
    }

    /** The metrics of a function whose memory needed no reading or was read exactly, and whose metrics were read. */
    public FunctionMetrics(int daysWithData, long invocations, long errors, long throttles, @Nullable Double durationAvgMs,
                           @Nullable Double durationP50Ms, @Nullable Double durationP99Ms, @Nullable Double durationMaxMs,
                           @Nullable Integer peakConcurrency, @Nullable Long asyncEventsReceived,
                           @Nullable Double provisionedUtilizationMax, @Nullable Integer maxMemoryUsedMb,
                           MemorySource memorySource, @Nullable Double cpuTimeRatio, List<DailyMetrics> daily) {
        this(daysWithData, invocations, errors, throttles, durationAvgMs, durationP50Ms, durationP99Ms, durationMaxMs,
                peakConcurrency, asyncEventsReceived, provisionedUtilizationMax, maxMemoryUsedMb, memorySource, cpuTimeRatio,
                daily, null, null, null, null);
    }

    public static FunctionMetrics none() {
        return new FunctionMetrics(0, 0, 0, 0, null, null, null, null, null, null, null, null,
                MemorySource.NONE, null, List.of());
    }

    /** Metrics that could not be read, with the cause: nothing in them is a fact. */
    public static FunctionMetrics unavailable(String cause) {
        return new FunctionMetrics(0, 0, 0, 0, null, null, null, null, null, null, null, null,
                MemorySource.NONE, null, List.of(), null, null, cause, null);
    }

    /** The milliseconds billed per invocation: the REPORT lines' Billed Duration when read, else the Duration metric's average. */
    public @Nullable Double billedMsPerInvocation() {
        return billedDurationAvgMs != null ? billedDurationAvgMs : durationAvgMs;
    }

    /** Which duration costs are reckoned with, for the assumptions. */
    public String billingAssumption() {
        return billedDurationAvgMs != null ? BILLED_DURATION : INIT_NOT_COUNTED;
    }

    public boolean isUnavailable() {
        return evidenceUnavailable != null;
    }
}
