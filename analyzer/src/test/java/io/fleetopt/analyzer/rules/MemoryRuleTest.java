package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.analyzer.Learned;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.MemorySample;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryRuleTest {

    private final MemoryRule rule = new MemoryRule();

    /** With a measured I/O-bound response, neither the step policy nor the latency guard holds a cut back: the floors do. */
    private Optional<Recommendation> measuredIoBound(io.fleetopt.core.model.FunctionProfile f) {
        return Analysis.evaluate(rule, f, Learned.ioBound(f));
    }

    @ParameterizedTest(name = "{0} MB configured, {1} MB max used -> {2}")
    @CsvSource(nullValues = "none", value = {
            // configured, max used, proposed (none = no item)
            "3008,  412,   512",   // 412 x 1.2 = 494.4 -> 512
            "3008,  50,    128",   // never below 128 MB
            "128,   50,    none",  // already at the 128 MB floor
            "1024,  853,   none",  // 853 x 1.2 = 1023.6 -> 1024: nothing to cut
            "1024,  921,   none",  // 89.9 %: no cut (would need 1,152) and no raise yet
            "1024,  922,   1152",  // 90.04 %: raised to 922 x 1.2 -> 1,152
            "1024,  1024,  1280",  // at the limit: raised
            "10000, 9500,  10240", // raised, capped at Lambda's 10,240 MB
            "10240, 9300,  none",  // 90.8 % but already at 10,240 MB: nothing to raise to
            "10240, 8500,  none",  // 8,500 x 1.2 = 10,200 -> 10,240: nothing to cut
            "10240, 1000,  1216",  // cut from the maximum
    })
    void sizesMemoryFromTheMaxUsedPlusHeadroomWithinLambdasLimits(int configuredMb, int maxUsedMb, Integer proposedMb) {
        Optional<Recommendation> item = measuredIoBound(function("f").memoryMb(configuredMb).maxMemoryUsedMb(maxUsedMb).build());
        assertEquals(Optional.ofNullable(proposedMb).map(String::valueOf), item.map(Recommendation::proposedValue));
    }

    @Test
    void explainsACutInOneSentenceWithTheNumbers() {
        Recommendation item = Analysis.evaluate(rule, function("orders-api").memoryMb(3008).maxMemoryUsedMb(412)
                .days(14).invocations(560_000).durationAvgMs(180).build()).orElseThrow();
        assertEquals("max memory used 412 MB over 14 days (14 % of 3,008 MB): 1,536 MB keeps 273 % headroom and saves "
                + "$5.18/month at 1.2 M invocations and 180 ms average; a step of at most 50 % toward 512 MB: its CPU share is "
                + "unknown (up to 1.96x slower if all of its duration is CPU), so the next step waits for this one's measured "
                + "response.", item.rationale());
        assertEquals(new BigDecimal("5.18"), item.monthlySavingUsd());
        assertEquals(Action.APPLY, item.action());
        assertEquals(Risk.LOW, item.risk());
    }

    private static io.fleetopt.analyzer.AnalyzerPolicy minSaving(String usd) {
        io.fleetopt.analyzer.AnalyzerPolicy d = io.fleetopt.analyzer.AnalyzerPolicy.defaults();
        return new io.fleetopt.analyzer.AnalyzerPolicy(d.headroomPercent(), d.minDays(), d.minInvocations(), d.timeoutSafetyFactor(),
                d.retentionDays(), d.retentionByEnvironment(), d.environmentTag(), d.productionEnvironments(), d.iacManaged(),
                d.minUnreservedConcurrency(), d.concurrencyFactor(), d.reservedConcurrencyApply(), new BigDecimal(usd),
                d.priceOverrides(), d.maxP99SlowdownPercent(), d.maxMemoryStepPercent(), d.minIncreaseSavingPercent());
    }

    @ParameterizedTest(name = "{0} invocations in 14 days, minimum ${1} -> {2}")
    @CsvSource({
            // invocations over 14 days, policy minimum, action (the cut 3,008 -> 1,536 MB at 180 ms saves $5.18 at 560,000)
            "560000, 1.00,  APPLY",        // $5.18
            "108200, 1.00,  APPLY",        // $1.00: at the minimum
            "100000, 1.00,  REPORT_ONLY",  // $0.93: under it
            "100000, 0.00,  APPLY",        // no minimum
            "100000, 6.00,  REPORT_ONLY",
    })
    void reportsACutThatSavesLessThanThePolicysMinimumInsteadOfApplyingIt(long invocations, String minimumUsd, Action action) {
        var f = function("orders-api").memoryMb(3008).maxMemoryUsedMb(412).days(14).invocations(invocations).durationAvgMs(180).build();
        // MinimumSaving decides on the item priced whole, in the analyzer, after the rule
        Recommendation item = Analysis.plan(io.fleetopt.analyzer.SnapshotBuilder.of(f), minSaving(minimumUsd)).items().stream()
                .filter(i -> i.kind() == io.fleetopt.core.model.RecommendationKind.MEMORY).findFirst().orElseThrow();
        assertEquals(action, item.action(), item.monthlySavingUsd() + "/month");
        assertEquals("1536", item.proposedValue());
        assertEquals(action == Action.REPORT_ONLY, item.rationale().endsWith("; reported, not applied: it saves less than the $"
                + new BigDecimal(minimumUsd).setScale(2) + "/month a memory cut must save (fleetopt.analyzer.min-monthly-saving-usd)."),
                item.rationale());
    }

    @Test
    void proposesNoCutThatSavesNothingOnceRoundedToCents() {
        // 2 invocations in 14 days: the cut saves a fraction of a cent a month
        assertTrue(Analysis.evaluate(rule, function("f").memoryMb(3008).maxMemoryUsedMb(412).days(14).invocations(2)
                .durationAvgMs(180).build(), minSaving("0.00"), io.fleetopt.analyzer.SnapshotBuilder.of(
                function("f").memoryMb(3008).maxMemoryUsedMb(412).days(14).invocations(2).durationAvgMs(180).build())).isEmpty());
    }

    @Test
    void doesNotCutMemoryWithoutAMemorySource() {
        assertTrue(Analysis.evaluate(rule, function("f").memoryMb(3008).noMemorySource().build()).isEmpty());
    }

    @Test
    void doesNotCutMemoryWhenTheSourceIsNamedButTheValueIsMissing() {
        assertTrue(Analysis.evaluate(rule, function("f").memoryMb(3008).noMemorySource()
                .memorySource(MemorySource.LOGS_INSIGHTS).build()).isEmpty());
    }

    @Test
    void neverCutsOnALogSampleItselfButReportsTheCutWithTheSampleMarginForTheOwnerToConfirm() {
        Recommendation item = measuredIoBound(function("f").memoryMb(3008).maxMemoryUsedMb(200)
                .memorySample(1_000, 14).build()).orElseThrow();
        assertEquals(Action.REPORT_ONLY, item.action());
        assertEquals(Risk.HIGH, item.risk());
        assertEquals("384", item.proposedValue(), "200 MB + 20 % headroom + 50 % sample margin = 340 MB, rounded up to 64 MB");
        assertTrue(item.rationale().contains("a lower bound"), item.rationale());
    }

    @ParameterizedTest(name = "a sample of {0} REPORT lines keeps a {1} % margin")
    @CsvSource({"1, 200", "50, 200", "100, 159", "1000, 50", "4000, 25", "10000, 20", "1000000, 20"})
    void keepsAMarginThatShrinksWithTheSquareRootOfTheSampleSize(long lines, int margin) {
        assertEquals(margin, SampleMargin.marginPercent(new MemorySample(lines, 14)));
    }

    @Test
    void countsTheSavingOnBilledDurationWithInitWhenTheReportLinesGiveIt() {
        Recommendation metricOnly = Analysis.evaluate(rule, function("f").memoryMb(3008).maxMemoryUsedMb(200)
                .durationAvgMs(100).build()).orElseThrow();
        Recommendation billed = Analysis.evaluate(rule, function("f").memoryMb(3008).maxMemoryUsedMb(200)
                .durationAvgMs(100).billedDurationAvgMs(150).build()).orElseThrow();
        BigDecimal expected = metricOnly.monthlySavingUsd().multiply(new BigDecimal("1.5"));
        assertTrue(billed.monthlySavingUsd().subtract(expected).abs().compareTo(new BigDecimal("0.02")) <= 0,
                "150 ms billed of 100 ms measured: 1.5 x the saving, " + billed.monthlySavingUsd() + " vs " + expected);
        assertTrue(billed.assumptions().contains(io.fleetopt.core.model.FunctionMetrics.BILLED_DURATION), billed.assumptions().toString());
        assertTrue(metricOnly.assumptions().contains(io.fleetopt.core.model.FunctionMetrics.INIT_NOT_COUNTED),
                metricOnly.assumptions().toString());
    }

    @Test
    void cutsOnEveryReportLineOfTheWindowLikeOnLogsInsights() {
        Recommendation item = measuredIoBound(function("f").memoryMb(3008).maxMemoryUsedMb(200).invocations(1_400_000)
                .memorySource(MemorySource.LOG_SCAN).build()).orElseThrow();
        assertEquals(Action.APPLY, item.action());
        assertEquals("256", item.proposedValue());
    }

    @Test
    void keepsACpuBoundFunctionAtTheMemoryThatGivesItOneVcpu() {
        Recommendation item = Analysis.evaluate(rule, function("pdf").memoryMb(3008).maxMemoryUsedMb(410).cpuTimeRatio(0.93)
                .build()).orElseThrow();
        assertEquals("1792", item.proposedValue());
        assertTrue(item.rationale().contains("CPU-bound"), item.rationale());
    }

    @Test
    void treatsCpuTimeJustBelowEightyPercentAsNotCpuBound() {
        Recommendation item = Analysis.evaluate(rule, function("f").memoryMb(3008).maxMemoryUsedMb(410).cpuTimeRatio(0.79)
                .build()).orElseThrow();
        // not CPU-bound, so no CPU floor; but 512 MB gives it 0.29 of the 0.79 vCPU it uses: 2.37x slower, and the
        // latency guard stops the cut at 1,152 MB (0.65 vCPU: +17 %; 1,088 MB would be +22 %)
        assertEquals("1152", item.proposedValue());
        assertTrue(item.rationale().contains("from its CPU time (79 % of duration): p99 at 1,152 MB predicted"), item.rationale());
        assertTrue(item.rationale().contains("not lower: at 1,088 MB it would be +22 %, beyond the 20 % latency guard"), item.rationale());
    }

    @Test
    void doesNotCutACpuBoundFunctionThatIsAlreadyBelowOneVcpu() {
        assertTrue(Analysis.evaluate(rule, function("f").memoryMb(1536).maxMemoryUsedMb(300).cpuTimeRatio(0.95).build()).isEmpty());
    }

    @Test
    void keepsAMultiThreadedFunctionAtTheVcpusItUses() {
        Recommendation item = Analysis.evaluate(rule, function("f").memoryMb(10_240).maxMemoryUsedMb(500).cpuTimeRatio(2.5)
                .build()).orElseThrow();
        assertEquals("4480", item.proposedValue()); // 2.5 x 1,769 = 4,422.5 -> 4,480
    }

    @Test
    void modelsALongerDurationWhenACpuBoundFunctionGetsLessCpu() {
        assertEquals(100.0, MemoryRule.durationAtMemoryMs(100, 0.9, 3008, 1792), 1e-9);
        // it uses 0.9 vCPU; at 884 MB it gets 0.5: the CPU part (90 ms) takes 0.9 / 0.5 = 1.8 times as long
        assertEquals(172.1, MemoryRule.durationAtMemoryMs(100, 0.9, 1769, 884), 0.1);
    }

    @Test
    void honoursTheMinMemoryTag() {
        Recommendation item = measuredIoBound(function("f").memoryMb(3008).maxMemoryUsedMb(200)
                .tag("fleetopt:min-memory", "1024").build()).orElseThrow();
        assertEquals("1024", item.proposedValue());
        assertTrue(item.rationale().contains("fleetopt:min-memory=1024"), item.rationale());
    }

    @Test
    void honoursTheHeadroomTag() {
        Recommendation item = measuredIoBound(function("f").memoryMb(3008).maxMemoryUsedMb(400)
                .tag("fleetopt:headroom", "100").build()).orElseThrow();
        assertEquals("832", item.proposedValue()); // 400 x 2 = 800 -> 832
    }

    @Test
    void ignoresABadHeadroomTagAndUsesThePolicy() {
        Recommendation item = measuredIoBound(function("f").memoryMb(3008).maxMemoryUsedMb(400)
                .tag("fleetopt:headroom", "lots").build()).orElseThrow();
        assertEquals("512", item.proposedValue());
    }

    @Test
    void showsTheCostOfARaiseAsANegativeSaving() {
        Recommendation item = Analysis.evaluate(rule, function("f").memoryMb(1024).maxMemoryUsedMb(1000).build()).orElseThrow();
        assertTrue(item.monthlySavingUsd().signum() < 0, item.monthlySavingUsd().toString());
        assertEquals(Action.APPLY, item.action());
        assertTrue(item.rationale().contains("98 % of the configured 1,024 MB"), item.rationale());
    }

    @Test
    void floorIsMaxUsedPlusHeadroomRoundedUpToSixtyFourMegabytes() {
        assertEquals(512, MemoryRule.floorFor(412, 20));
        assertEquals(128, MemoryRule.floorFor(1, 20));
        assertEquals(10_240, MemoryRule.floorFor(10_000, 20));
        assertEquals(448, MemoryRule.floorFor(448, 0));
    }
}
