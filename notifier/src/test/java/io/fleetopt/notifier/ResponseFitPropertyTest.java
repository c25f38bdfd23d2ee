package io.fleetopt.notifier;

import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.pricing.DurationModel;
import io.fleetopt.core.pricing.LambdaCpu;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fit recovers a known CPU share from generated before/after samples: durations that follow the duration model
 * at both memories, each statistic off by up to {@value #NOISE} (a week's average of a real function moves about
 * that much), give the share within NOISE x (1 + |r - 1|) / |r - 1| for r = cpu(before) / cpu(after): within
 * {@value #ERROR} whenever the change moves the vCPU share by at least half (|r - 1| >= 0.5).
 */
class ResponseFitPropertyTest {

    static final double NOISE = 0.02;
    static final double ERROR = 0.06;
    private static final DateRange BEFORE = new DateRange(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 2));
    private static final DateRange AFTER = new DateRange(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 9));

    private static FunctionUsage usage(DateRange days, long invocations, double avgMs, double p50Ms, double p99Ms) {
        return new FunctionUsage("arn:aws:lambda:us-east-1:123456789012:function:f", days, days.days(), invocations, avgMs, p50Ms, p99Ms);
    }

    @Property(tries = 1000)
    void recoversAKnownCpuShareWithinTheStatedError(@ForAll @DoubleRange(min = 0, max = 1) double cpuShare,
                                                    @ForAll @IntRange(min = 128, max = 10_240) int beforeMb,
                                                    @ForAll @IntRange(min = 128, max = 10_240) int afterMb,
                                                    @ForAll @DoubleRange(min = 5, max = 20_000) double averageMs,
                                                    @ForAll @LongRange(min = 10_000, max = 100_000_000) long invocations,
                                                    @ForAll long seed) {
        double slope = LambdaCpu.cpuRatio(beforeMb, afterMb) - 1;
        Assume.that(Math.abs(slope) >= 0.05);
        Random random = new Random(seed);
        double slowdown = new DurationModel(cpuShare, beforeMb).slowdown(afterMb);
        FunctionUsage before = usage(BEFORE, invocations, averageMs, averageMs * 0.9, averageMs * 1.9);
        FunctionUsage after = usage(AFTER, invocations, averageMs * slowdown * noise(random), averageMs * 0.9 * slowdown * noise(random),
                averageMs * 1.9 * slowdown * noise(random));

        ResponseFit.Fitted fit = ResponseFit.fit(beforeMb, afterMb, before, after);

        double bound = NOISE * (1 + Math.abs(slope)) / Math.abs(slope) + 1e-9;
        assertTrue(Math.abs(slope) < 0.5 || bound <= ERROR + 1e-9, "the stated error for a change of at least half: " + bound);
        assertTrue(Math.abs(fit.cpuShare() - cpuShare) <= bound,
                "share " + cpuShare + " fitted " + fit.cpuShare() + " from " + beforeMb + " -> " + afterMb + " MB (bound " + bound + ")");
        assertTrue(fit.cpuShare() >= 0 && fit.cpuShare() <= 1, "clamped to 0..1: " + fit.cpuShare());
    }

    private static double noise(Random random) {
        return 1 + (random.nextDouble() * 2 - 1) * NOISE;
    }

    @Test
    void isExactOnDurationsThatFollowTheModel() {
        FunctionUsage before = usage(BEFORE, 70_000, 100, 90, 190);
        double slowdown = new DurationModel(0.4, 3008).slowdown(1536);
        ResponseFit.Fitted fit = ResponseFit.fit(3008, 1536, before, usage(AFTER, 60_000, 100 * slowdown, 90 * slowdown, 190 * slowdown));
        assertEquals(0.4, fit.cpuShare(), 1e-9);
        assertEquals(Confidence.HIGH, fit.confidence());
    }

    @Test
    void saysLittleOfASmallChangeOrAFewInvocations() {
        FunctionUsage before = usage(BEFORE, 70_000, 100, 90, 190);
        // 3,008 -> 2,944 MB moves the vCPU share 2 %: a 1 % noise is half the signal
        ResponseFit.Fitted small = ResponseFit.fit(3008, 2944, before, usage(AFTER, 60_000, 101, 90.5, 192));
        assertEquals(Confidence.LOW, small.confidence(), small.toString());
        ResponseFit.Fitted few = ResponseFit.fit(3008, 1536, usage(BEFORE, 30, 100, 90, 190), usage(AFTER, 30, 140, 126, 266));
        assertEquals(Confidence.LOW, few.confidence(), few.toString());
    }

    @Test
    void disagreeingStatisticsLowerTheConfidence() {
        FunctionUsage before = usage(BEFORE, 70_000, 100, 90, 190);
        ResponseFit.Fitted fit = ResponseFit.fit(3008, 1536, before, usage(AFTER, 60_000, 120, 81, 380));
        assertTrue(fit.stdError() > ResponseFit.MEDIUM_MAX_ERROR, fit.toString());
    }

    @Test
    void clampsTheShareToZeroToOne() {
        FunctionUsage before = usage(BEFORE, 70_000, 100, 90, 190);
        assertEquals(0.0, ResponseFit.fit(3008, 1536, before, usage(AFTER, 60_000, 80, 72, 152)).cpuShare());
        assertEquals(1.0, ResponseFit.fit(3008, 1536, before, usage(AFTER, 60_000, 400, 360, 760)).cpuShare());
    }

    @Test
    void needsUsageOnBothSidesOfAChange() {
        FunctionUsage before = usage(BEFORE, 70_000, 100, 90, 190);
        assertThrows(IllegalArgumentException.class, () -> ResponseFit.fit(3008, 1536, before, FunctionUsage.none(before.functionArn(), AFTER)));
        assertThrows(IllegalArgumentException.class, () -> ResponseFit.fit(1536, 1536, before, before));
    }
}
