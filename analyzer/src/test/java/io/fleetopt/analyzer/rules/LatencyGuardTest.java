package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.Learned;
import io.fleetopt.analyzer.SnapshotBuilder;
import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.LearnedResponses;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency guard and the step policy of memory cuts: with a measured response the cut stops where the predicted
 * p99 is at most {@code max-p99-slowdown-percent} slower; without one it is a step of at most half.
 */
class LatencyGuardTest {

    private final MemoryRule rule = new MemoryRule();

    private static AnalyzerPolicy guard(int maxP99SlowdownPercent) {
        AnalyzerPolicy d = AnalyzerPolicy.defaults();
        return new AnalyzerPolicy(d.headroomPercent(), d.minDays(), d.minInvocations(), d.timeoutSafetyFactor(), d.retentionDays(),
                d.retentionByEnvironment(), d.environmentTag(), d.productionEnvironments(), d.iacManaged(),
                d.minUnreservedConcurrency(), d.concurrencyFactor(), d.reservedConcurrencyApply(), d.minMonthlySavingUsd(),
                d.priceOverrides(), maxP99SlowdownPercent, d.maxMemoryStepPercent(), d.minIncreaseSavingPercent());
    }

    @ParameterizedTest(name = "now {0} MB, {1} of duration CPU at {2} MB -> {3} MB ({4} guard)")
    @CsvSource(nullValues = "none", value = {
            // memory now, measured CPU share, stated at, changed to, guard %, proposed
            "3008, 0.0, 3008, 1536, 20, 256",    // I/O-bound: the headroom floor (200 MB x 1.2 -> 256)
            "3008, 0.4, 3008, 1536, 20, 2048",   // 0.6 + 0.4 x 3008 / m <= 1.2 -> m >= 2,005
            "3008, 0.4, 3008, 1536, 50, 1344",   // 0.6 + 0.4 x 3008 / m <= 1.5 -> m >= 1,337
            "3008, 1.0, 3008, 1536, 20, none",   // all CPU: 2,560 MB is within the guard, but its GB-seconds stay: no saving
            "1536, 0.4, 3008, 1536, 20, none",   // cut last week, p99 +38 % on before that cut: never cut further
            "1536, 0.1, 3008, 1536, 20, 1024",   // cut last week (+10 %): the guard counts from before it, m >= 1,003
            "1024, 1.0, 2048, 1024, 10, none",   // all CPU, 10 %: no 64 MB step keeps p99 within the guard
    })
    void stopsACutWherePredictedP99ReachesTheGuard(int memoryMb, double cpuShare, int beforeMb, int afterMb, int guardPercent,
                                                   Integer proposedMb) {
        FunctionProfile f = function("f").memoryMb(memoryMb).maxMemoryUsedMb(200).build();
        LearnedResponses learned = Learned.of(Learned.measured(f, cpuShare, beforeMb, afterMb, Confidence.HIGH));
        Optional<Recommendation> item = Analysis.evaluate(rule, f, guard(guardPercent), SnapshotBuilder.of(f), learned);
        assertEquals(Optional.ofNullable(proposedMb).map(String::valueOf), item.map(Recommendation::proposedValue));
        item.ifPresent(i -> {
            double slowdown = Learned.measured(f, cpuShare, beforeMb, afterMb, Confidence.HIGH).modelAt(memoryMb)
                    .slowdown(Integer.parseInt(i.proposedValue()));
            assertTrue(slowdown <= 1 + guardPercent / 100.0 + 1e-9, "predicted " + slowdown + " for " + i.rationale());
        });
    }

    @Test
    void saysWhatWasMeasuredAndWhereTheGuardStoppedTheCut() {
        FunctionProfile f = function("orders-api").memoryMb(3008).maxMemoryUsedMb(200).days(14).invocations(560_000)
                .durationAvgMs(180).build();
        Recommendation item = Analysis.evaluate(rule, f, Learned.of(Learned.measured(f, 0.4, 3008, 1536, Confidence.HIGH)))
                .orElseThrow();
        assertEquals("max memory used 200 MB over 14 days (7 % of 3,008 MB): 2,048 MB keeps 924 % headroom and saves "
                + "$2.03/month at 1.2 M invocations and 180 ms average; measured: 40 % of duration scales with CPU, from the "
                + "change of 2026-10-19 (3008 -> 1536 MB, confidence HIGH): p99 at 2,048 MB predicted 356 ms (+19 %), not lower: "
                + "at 1,984 MB it would be +21 %, beyond the 20 % latency guard.", item.rationale());
        assertTrue(item.assumptions().stream().anyMatch(a -> a.startsWith("measured: 40 % of duration scales with CPU")),
                item.assumptions().toString());
    }

    @Test
    void countsTheGuardFromBeforeTheMeasuredCutSoCutsCannotAddUp() {
        FunctionProfile f = function("f").memoryMb(1536).maxMemoryUsedMb(200).build();
        Recommendation item = Analysis.evaluate(rule, f, Learned.of(Learned.measured(f, 0.1, 3008, 1536, Confidence.HIGH)))
                .orElseThrow();
        assertEquals("1024", item.proposedValue());
        assertTrue(item.rationale().contains("p99 at 1,024 MB predicted 218 ms (+9 %; +19 % on its p99 before the change of "
                + "2026-10-19), not lower: at 960 MB it would be +21 % on its p99 before the change of 2026-10-19, beyond the 20 % "
                + "latency guard"), item.rationale());
    }

    @Test
    void countsTheSavingAtTheDurationTheMeasuredResponsePredicts() {
        FunctionProfile f = function("f").memoryMb(3008).maxMemoryUsedMb(200).durationAvgMs(100).invocations(50_000_000).build();
        Recommendation ioBound = Analysis.evaluate(rule, f, Learned.ioBound(f)).orElseThrow();
        Recommendation quarter = Analysis.evaluate(rule, f, guard(1000),
                SnapshotBuilder.of(f), Learned.of(Learned.measured(f, 0.25, 3008, 1536, Confidence.HIGH))).orElseThrow();
        assertEquals("256", quarter.proposedValue());
        // at 256 MB a quarter of the duration takes 3008 / 256 = 11.75 times as long: 3.69x the duration, so the
        // GB-seconds fall to 256 x 3.69 / 3008 = 31 % of today's (a 69 % saving), not to 8.5 % (a 91 % saving)
        double ratio = quarter.monthlySavingUsd().doubleValue() / ioBound.monthlySavingUsd().doubleValue();
        assertEquals((1 - 256 * 3.6875 / 3008) / (1 - 256.0 / 3008), ratio, 0.01, quarter.monthlySavingUsd() + " vs " + ioBound.monthlySavingUsd());
    }

    @Test
    void takesAtMostHalfAWeekWithoutCpuTimeOrAMeasuredResponse() {
        Recommendation item = Analysis.evaluate(rule, function("f").memoryMb(3008).maxMemoryUsedMb(200).build()).orElseThrow();
        assertEquals("1536", item.proposedValue());
        assertTrue(item.rationale().contains("a step of at most 50 % toward 256 MB"), item.rationale());
    }

    @Test
    void ignoresAMeasuredResponseOfLowConfidence() {
        FunctionProfile f = function("f").memoryMb(3008).maxMemoryUsedMb(200).build();
        Recommendation item = Analysis.evaluate(rule, f, Learned.of(Learned.measured(f, 0.0, 3008, 2816, Confidence.LOW)))
                .orElseThrow();
        assertEquals("1536", item.proposedValue());
    }

    @Test
    void takesNoFurtherBlindStepWhileTheLastOneWaitsToBeMeasured() {
        FunctionProfile f = function("f").memoryMb(1536).maxMemoryUsedMb(200).build();
        assertTrue(Analysis.evaluate(rule, f, Learned.pending(f, 3008)).isEmpty());
        assertEquals("768", Analysis.evaluate(rule, f).orElseThrow().proposedValue());
    }

    @Test
    void allowsTheTimeoutForTheSlowdownTheMeasuredResponsePredicts() {
        FunctionProfile f = function("f").memoryMb(3008).maxMemoryUsedMb(200).timeoutSeconds(300).durationAvgMs(500)
                .durationMaxMs(1000).build();
        var plan = Analysis.plan(SnapshotBuilder.of(f), AnalyzerPolicy.defaults(),
                Learned.of(Learned.measured(f, 0.4, 3008, 1536, Confidence.HIGH)));
        assertEquals("2048", Analysis.itemOf(plan, "f", RecommendationKind.MEMORY).orElseThrow().proposedValue());
        Recommendation timeout = Analysis.itemOf(plan, "f", RecommendationKind.TIMEOUT).orElseThrow();
        // 0.6 + 0.4 x 3008 / 2048 = 1.19: 1 s x 1.19 x 3 = 3.6 s -> 4 s
        assertEquals("4", timeout.proposedValue());
        assertTrue(timeout.assumptions().stream().anyMatch(a -> a.contains("measured: 40 % of duration scales with CPU")),
                timeout.assumptions().toString());
    }
}
