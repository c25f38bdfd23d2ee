package io.fleetopt.analyzer;

import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.model.LearnedResponse;
import io.fleetopt.core.model.LearnedResponses;
import io.fleetopt.core.model.PendingMeasurement;
import io.fleetopt.core.pricing.DurationModel;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Learned responses for analyzer tests, generated from a function and the CPU share its earlier change measured. */
public final class Learned {

    public static final LocalDate CHANGED_ON = LocalDate.of(2026, 10, 19);

    private Learned() {
    }

    /**
     * The response a change from {@code beforeMb} to {@code afterMb} measured: {@code cpuShare} of the duration at
     * {@code beforeMb} scales with CPU; the durations follow the duration model exactly.
     */
    public static LearnedResponse measured(FunctionProfile function, double cpuShare, int beforeMb, int afterMb, Confidence confidence) {
        double beforeMs = 100;
        double afterMs = new DurationModel(cpuShare, beforeMb).durationMs(beforeMs, afterMb);
        FunctionUsage before = new FunctionUsage(function.arn(), new DateRange(CHANGED_ON.minusDays(7), CHANGED_ON), 7, 100_000,
                beforeMs, beforeMs * 0.9, beforeMs * 1.9);
        FunctionUsage after = new FunctionUsage(function.arn(), new DateRange(CHANGED_ON.plusDays(1), CHANGED_ON.plusDays(7)), 6,
                100_000, afterMs, afterMs * 0.9, afterMs * 1.9);
        return new LearnedResponse(function.arn(), function.name(), "2026-10-19-abcd", "memory-1", CHANGED_ON, beforeMb, afterMb,
                before, after, BigDecimal.ONE, BigDecimal.ONE, cpuShare, 0.01, confidence, null);
    }

    /**
     * What a cut from {@code beforeMb} to the function's memory now measured, as durations: {@code beforeMs} average
     * before, {@code afterMs} after (p50 0.9x and p99 1.9x of each). A function slowed by more than the CPU it lost
     * fits an all-CPU share (the fit is clamped to 1), as the learner stores it.
     */
    public static LearnedResponse measuredDurations(FunctionProfile function, int beforeMb, double beforeMs, double afterMs,
                                                    Confidence confidence) {
        int afterMb = function.config().memoryMb();
        double slope = io.fleetopt.core.pricing.LambdaCpu.cpuRatio(beforeMb, afterMb) - 1;
        double share = Math.max(0, Math.min(1, (afterMs / beforeMs - 1) / slope));
        FunctionUsage before = new FunctionUsage(function.arn(), new DateRange(CHANGED_ON.minusDays(7), CHANGED_ON), 7, 100_000,
                beforeMs, beforeMs * 0.9, beforeMs * 1.9);
        FunctionUsage after = new FunctionUsage(function.arn(), new DateRange(CHANGED_ON.plusDays(1), CHANGED_ON.plusDays(7)), 6,
                100_000, afterMs, afterMs * 0.9, afterMs * 1.9);
        return new LearnedResponse(function.arn(), function.name(), "2026-10-19-abcd", "memory-1", CHANGED_ON, beforeMb, afterMb,
                before, after, BigDecimal.ONE, BigDecimal.ONE, share, 0.02, confidence, null);
    }

    /** Measured by a cut from {@code beforeMb} to the function's memory now. */
    public static LearnedResponse measured(FunctionProfile function, double cpuShare, int beforeMb) {
        return measured(function, cpuShare, beforeMb, function.config().memoryMb(), Confidence.HIGH);
    }

    public static LearnedResponses of(LearnedResponse... responses) {
        return new LearnedResponses(LearnedResponses.SCHEMA_VERSION, Instant.EPOCH, Arrays.asList(responses), List.of());
    }

    /** A measured I/O-bound response (nothing scales with CPU) of each function. */
    public static LearnedResponses ioBound(FunctionProfile... functions) {
        return of(Arrays.stream(functions).map(f -> measured(f, 0.0, f.config().memoryMb(),
                        Math.max(128, f.config().memoryMb() / 2), Confidence.HIGH))
                .toArray(LearnedResponse[]::new));
    }

    /** An earlier memory change of the function that waits to be measured. */
    public static LearnedResponses pending(FunctionProfile function, int beforeMb) {
        return new LearnedResponses(LearnedResponses.SCHEMA_VERSION, Instant.EPOCH, List.of(), List.of(new PendingMeasurement(
                function.arn(), function.name(), "2026-10-26-abcd", LocalDate.of(2026, 10, 26), beforeMb, function.config().memoryMb(),
                "312 of 1,000 invocations since the change")));
    }
}
