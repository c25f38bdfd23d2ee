package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.analyzer.SnapshotBuilder;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeoutRuleTest {

    private final TimeoutRule rule = new TimeoutRule();

    @ParameterizedTest(name = "timeout {0} s, max duration {1} ms -> {2}")
    @CsvSource(nullValues = "none", value = {
            // timeout, max duration ms, proposed (none = no item)
            "300, 313,     3",    // 313 ms x 3 = 0.94 s, raised to the 3 s minimum
            "300, 10000,   30",   // 10 s x 3
            "45,  10000,   none", // 45 <= 30 x 1.5: not worth a change
            "46,  10000,   30",   // 46 > 45: cut
            "900, 400000,  none", // 400 s x 3 = 1,200 s, capped at 900 s: the current value
            "900, 300000,  none", // 300 s x 3 = 900 s: nothing to change
            "900, 200000,  none", // 600 s proposed, 900 <= 600 x 1.5: not worth a change
            "900, 100000,  300",  // 100 s x 3
            "10,  8999,    none", // 89.99 % of the timeout: not near it, and 27 s is not a cut
            "10,  9000,    27",   // 90 % of the timeout: raised to 9 s x 3
            "3,   3000,    9",    // ran into the timeout
            "600, 599000,  900",  // raised, capped at 900 s
    })
    void proposesTheObservedMaxTimesTheSafetyFactorWithinThreeAndNineHundredSeconds(int timeoutSeconds, double maxMs,
                                                                                    Integer proposed) {
        Optional<Recommendation> item = Analysis.evaluate(rule, function("f").timeoutSeconds(timeoutSeconds)
                .durationAvgMs(Math.min(100, maxMs)).durationMaxMs(maxMs).build());
        assertEquals(Optional.ofNullable(proposed).map(String::valueOf), item.map(Recommendation::proposedValue));
    }

    /** The snapshot is collected 2026-11-02T06:00Z; durations older than the last change must not cut a timeout. */
    @ParameterizedTest(name = "last changed {0} -> cut: {1}")
    @CsvSource({
            "2026-11-02T06:00:00.000+0000, false", // changed just now: all evidence predates it
            "2026-10-27T06:00:01.000+0000, false", // 6 days ago
            "2026-10-26T06:00:00.000+0000, true",  // exactly 7 days of evidence since the change
            "2025-01-01T00:00:00.000+0000, true",
            "yesterday-ish, true",                 // unreadable: judged by the evidence alone
    })
    void doesNotCutATimeoutOnDurationsMeasuredBeforeTheLastChange(String lastModified, boolean cut) {
        Optional<Recommendation> item = Analysis.evaluate(rule, function("f").timeoutSeconds(300).durationAvgMs(100)
                .durationMaxMs(1000).lastModified(lastModified).build());
        assertEquals(cut, item.isPresent());
    }

    @Test
    void stillRaisesATimeoutRightAfterAChange() {
        Recommendation item = Analysis.evaluate(rule, function("f").timeoutSeconds(10).durationAvgMs(5000).durationMaxMs(9500)
                .lastModified("2026-11-02T06:00:00.000+0000").build()).orElseThrow();
        assertEquals("29", item.proposedValue());
    }

    @Test
    void reportsAFunctionRunningIntoTheNineHundredSecondCapAsHighRisk() {
        Recommendation item = Analysis.evaluate(rule, function("f").timeoutSeconds(900).durationAvgMs(500_000)
                .durationMaxMs(900_000).build()).orElseThrow();
        assertEquals(Action.REPORT_ONLY, item.action());
        assertEquals(Risk.HIGH, item.risk());
        assertEquals("900", item.proposedValue());
    }

    @Test
    void neverProposesLessThanMaxDurationTimesOneAndAHalf() {
        assertEquals(15, TimeoutRule.proposedTimeout(10_000, 1.5));
        assertEquals(16, TimeoutRule.proposedTimeout(10_001, 1.5));
        assertEquals(900, TimeoutRule.proposedTimeout(900_000, 3));
        assertEquals(3, TimeoutRule.proposedTimeout(1, 3));
    }

    @Test
    void saysHowMuchSoonerAHungInvocationStops() {
        Recommendation item = Analysis.evaluate(rule, function("f").timeoutSeconds(300).invocations(1_300_000)
                .durationAvgMs(120).durationMaxMs(313).build()).orElseThrow();
        assertEquals("the longest of 1.3 M invocations in 14 days took 313 ms: a 3 s timeout is 9.6x that and stops a hung "
                + "invocation 297 s sooner than 300 s.", item.rationale());
    }

    @Test
    void allowsForTheWorstSlowdownOfAMemoryCutInTheSamePlanWhenCpuTimeIsUnknown() {
        Plan plan = Analysis.plan(SnapshotBuilder.of(function("f").memoryMb(3008).maxMemoryUsedMb(200).timeoutSeconds(300)
                .durationAvgMs(500).durationMaxMs(1000).build()));
        // without CPU time, a step of at most half
        assertEquals("1536", Analysis.itemOf(plan, "f", RecommendationKind.MEMORY).orElseThrow().proposedValue());
        // if all of its duration is CPU, 1,536 MB has 1536 / 3008 of the CPU: up to 1.96x longer, 1 s x 1.96 x 3 = 5.9 s
        Recommendation timeout = Analysis.itemOf(plan, "f", RecommendationKind.TIMEOUT).orElseThrow();
        assertEquals("6", timeout.proposedValue());
        assertTrue(timeout.rationale().contains("up to 1,958 ms with the proposed memory"), timeout.rationale());
        assertTrue(timeout.assumptions().stream().anyMatch(a -> a.contains("if all of its duration is CPU")), timeout.assumptions().toString());
    }

    @Test
    void needsNoAllowanceWhenTheCpuTimeFitsInTheSmallerMemory() {
        Plan plan = Analysis.plan(SnapshotBuilder.of(function("f").memoryMb(3008).maxMemoryUsedMb(200).cpuTimeRatio(0.1)
                .timeoutSeconds(300).durationAvgMs(500).durationMaxMs(1000).build()));
        assertEquals("3", Analysis.itemOf(plan, "f", RecommendationKind.TIMEOUT).orElseThrow().proposedValue());
    }

    @Test
    void leavesAFunctionWithoutDurationsAlone() {
        assertTrue(Analysis.evaluate(rule, function("f").timeoutSeconds(300).noDurations().build()).isEmpty());
    }
}
