package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.Learned;
import io.fleetopt.analyzer.SnapshotBuilder;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.LearnedResponse;
import io.fleetopt.core.model.LearnedResponses;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.pricing.Pricing;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A memory increase where production measured the larger memory cheaper: a cut that slowed the function by more than
 * the CPU it lost explains goes back up, with the saving predicted from the measured durations.
 */
class CheaperAtMoreMemoryTest {

    private final MemoryRule rule = new MemoryRule();

    /** 512 MB now, 250 ms average, 3.0 M invocations a month; cut from 1,024 MB two weeks ago. */
    private static FunctionProfile cutFunction() {
        return function("report-renderer").memoryMb(512).maxMemoryUsedMb(200).days(14).invocations(1_400_000)
                .durationAvgMs(250).durationMaxMs(1000).build();
    }

    private static LearnedResponses cutMeasured(FunctionProfile f, double beforeMs, double afterMs, Confidence confidence) {
        return Learned.of(Learned.measuredDurations(f, 1024, beforeMs, afterMs, confidence));
    }

    @Test
    void proposesTheLargerMemoryWhenTheMeasuredCutCostsMoreThanItSaves() {
        FunctionProfile f = cutFunction();
        Recommendation item = Analysis.evaluate(rule, f, cutMeasured(f, 100, 250, Confidence.HIGH)).orElseThrow();
        assertEquals("512", item.currentValue());
        assertEquals("1024", item.proposedValue());
        assertEquals(Risk.LOW, item.risk());
        assertEquals(Action.APPLY, item.action());
        // now: 1.4 M x 0.25 s x 0.5 GB x $0.0000166667 + $0.28 requests, over 14 days; at 1,024 MB: 0.1 s x 1 GB
        BigDecimal now = monthly(1_400_000, 250, 512, 14);
        BigDecimal after = monthly(1_400_000, 100, 1024, 14);
        assertEquals(Pricing.cents(now.subtract(after)), Pricing.cents(item.monthlySavingUsd()));
        assertEquals(new BigDecimal("1.25"), Pricing.cents(item.monthlySavingUsd()));
    }

    @Test
    void saysWhatWasMeasuredAndTheCostNowAndAtTheLargerMemory() {
        FunctionProfile f = cutFunction();
        Recommendation item = Analysis.evaluate(rule, f, cutMeasured(f, 100, 250, Confidence.HIGH)).orElseThrow();
        assertEquals("measured: 100 % of duration scales with CPU, from the change of 2026-10-19 (1024 -> 512 MB, confidence HIGH): "
                + "the cut to 512 MB made it 2.50x slower on average, more than the 2.00x the CPU it lost explains, so it costs more "
                + "than it did at 1,024 MB: back at 1,024 MB it is predicted to run 100 ms average (now 250 ms), p99 200 ms (now 500 ms) "
                + "and cost $5.60/month instead of $6.85/month at 3.0 M invocations, saving $1.25/month (18 %; at least 10 % and "
                + "$1.00 needed).", item.rationale());
        assertTrue(item.assumptions().stream().anyMatch(a -> a.startsWith("duration at 1,024 MB from the change of 2026-10-19: "
                + "its week at 1,024 MB ran 100 ms average against 250 ms at 512 MB (x0.40 applied to this window's), p99 x0.40")),
                item.assumptions().toString());
    }

    @ParameterizedTest(name = "cut 1,024 -> 512 MB: {0} ms -> {1} ms: {2}")
    @CsvSource(nullValues = "none", value = {
            // before, after, proposed
            "100, 250, 1024",  // 2.5x slower for 2x less CPU: 20 % cheaper at 1,024 MB
            "100, 230, 1024",  // 2.3x: 13 % cheaper
            "100, 210, none",  // 2.1x: 5 % cheaper, below the 10 % threshold
            "100, 200, none",  // exactly all CPU: the same GB-seconds, nothing saved
            "100, 150, none",  // half of it CPU: the cut saves, so it stays
    })
    void proposesAnIncreaseOnlyWhenItSavesTheThreshold(double beforeMs, double afterMs, Integer proposedMb) {
        FunctionProfile f = function("f").memoryMb(512).maxMemoryUsedMb(200).days(14).invocations(14_000_000)
                .durationAvgMs(afterMs).durationMaxMs(afterMs * 4).build();
        Optional<Recommendation> item = Analysis.evaluate(rule, f, cutMeasured(f, beforeMs, afterMs, Confidence.HIGH));
        assertEquals(Optional.ofNullable(proposedMb), item.map(i -> Integer.parseInt(i.proposedValue())).filter(mb -> mb > 512),
                item.map(Recommendation::rationale).orElse("no item"));
    }

    @Test
    void needsAtLeastTheMinimumMonthlySaving() {
        FunctionProfile f = function("f").memoryMb(512).maxMemoryUsedMb(200).days(14).invocations(140_000)
                .durationAvgMs(250).durationMaxMs(1000).build();
        // 20 % cheaper, but $0.13 a month
        assertTrue(Analysis.evaluate(rule, f, cutMeasured(f, 100, 250, Confidence.HIGH)).isEmpty());
    }

    @Test
    void proposesNoIncreaseWithoutAMeasuredResponse() {
        FunctionProfile f = cutFunction();
        Optional<Recommendation> unknown = Analysis.evaluate(rule, f);
        assertTrue(unknown.map(i -> Integer.parseInt(i.proposedValue()) < 512).orElse(true), unknown.toString());
        FunctionProfile insights = function("f").memoryMb(512).maxMemoryUsedMb(200).days(14).invocations(1_400_000)
                .durationAvgMs(250).cpuTimeRatio(0.95).build();
        Optional<Recommendation> fromCpuTime = Analysis.evaluate(rule, insights);
        assertTrue(fromCpuTime.map(i -> Integer.parseInt(i.proposedValue()) < 512).orElse(true), fromCpuTime.toString());
    }

    @Test
    void proposesNoIncreaseFromAResponseOfLowConfidence() {
        FunctionProfile f = cutFunction();
        Optional<Recommendation> item = Analysis.evaluate(rule, f, cutMeasured(f, 100, 250, Confidence.LOW));
        assertTrue(item.map(i -> Integer.parseInt(i.proposedValue()) < 512).orElse(true), item.toString());
    }

    @Test
    void isOfMediumRiskFromAResponseOfMediumConfidence() {
        FunctionProfile f = cutFunction();
        assertEquals(Risk.MEDIUM, Analysis.evaluate(rule, f, cutMeasured(f, 100, 250, Confidence.MEDIUM)).orElseThrow().risk());
    }

    @Test
    void goesUpToLambdasLimitAndNoFurther() {
        // a learned response is read only with memories of 128..10,240 MB (LearnedResponses.validate)
        FunctionProfile f = function("f").memoryMb(5120).maxMemoryUsedMb(200).days(14).invocations(14_000_000)
                .durationAvgMs(250).durationMaxMs(1000).build();
        Recommendation item = Analysis.evaluate(rule, f, Learned.of(Learned.measuredDurations(f, 10_240, 100, 250, Confidence.HIGH)))
                .orElseThrow();
        assertEquals("10240", item.proposedValue());
        assertTrue(item.assumptions().stream().anyMatch(a -> a.contains("10,240 MB is Lambda's largest")),
                item.assumptions().toString());
    }

    @Test
    void proposesNoIncreaseOnceTheFunctionNoLongerRunsWithTheMeasuredCut() {
        FunctionProfile f = cutFunction();
        LearnedResponse measured = Learned.measuredDurations(f, 1024, 100, 250, Confidence.HIGH);
        LearnedResponse rolledBack = new LearnedResponse(measured.functionArn(), measured.functionName(), measured.runId(),
                measured.itemId(), measured.changedOn(), measured.memoryBeforeMb(), measured.memoryAfterMb(), measured.before(),
                measured.after(), measured.costPerMillionBeforeUsd(), measured.costPerMillionAfterUsd(), measured.cpuShare(),
                measured.cpuShareStdError(), measured.confidence(), LocalDate.of(2026, 10, 24));
        Optional<Recommendation> item = Analysis.evaluate(rule, f, Learned.of(rolledBack));
        assertTrue(item.map(i -> Integer.parseInt(i.proposedValue()) < 512).orElse(true), item.toString());
        FunctionProfile changedSince = function("report-renderer").memoryMb(640).maxMemoryUsedMb(200).days(14)
                .invocations(1_400_000).durationAvgMs(250).durationMaxMs(1000).build();
        Optional<Recommendation> other = Analysis.evaluate(rule, changedSince, Learned.of(measured));
        assertTrue(other.map(i -> Integer.parseInt(i.proposedValue()) < 640).orElse(true), other.toString());
    }

    @Test
    void countsTheProvisionedConcurrencyOfItsAliasAtTheLargerMemory() {
        // 4x slower for 2x less CPU: $106.00/month now, $56.00 at 1,024 MB in compute and requests
        FunctionProfile warm2 = function("warm").memoryMb(512).maxMemoryUsedMb(200).days(14).invocations(14_000_000)
                .durationAvgMs(400).durationMaxMs(1000).throughAlias("live", 1.0, 2).build();
        Plan plan = Analysis.plan(SnapshotBuilder.of(warm2), AnalyzerPolicy.defaults(), cutMeasured(warm2, 100, 400, Confidence.HIGH));
        Recommendation item = Analysis.itemOf(plan, "warm", RecommendationKind.MEMORY).orElseThrow();
        assertEquals("1024", item.proposedValue());
        // 2 x 0.5 GB more, kept warm a month: $10.80 less of the $50.00
        assertEquals(new BigDecimal("39.20"), item.monthlySavingUsd());
        assertTrue(item.rationale().contains("saving $50.00/month (in compute; 34 % with its provisioned concurrency's $10.80/month "
                + "more at 1,024 MB; at least 10 % and $1.00 needed)"), item.rationale());
        FunctionProfile warm20 = function("warm").memoryMb(512).maxMemoryUsedMb(200).days(14).invocations(14_000_000)
                .durationAvgMs(400).durationMaxMs(1000).throughAlias("live", 1.0, 20).build();
        Optional<Recommendation> outweighed = Analysis.itemOf(Analysis.plan(SnapshotBuilder.of(warm20), AnalyzerPolicy.defaults(),
                cutMeasured(warm20, 100, 400, Confidence.HIGH)), "warm", RecommendationKind.MEMORY);
        assertTrue(outweighed.map(i -> Integer.parseInt(i.proposedValue()) < 512).orElse(true), outweighed.toString());
    }

    @Test
    void proposesNeitherAnotherIncreaseNorACutOnceTheIncreaseIsMeasured() {
        // the week after: it runs 1,024 MB again, 2.5x faster than at 512 MB, as the cut had measured
        FunctionProfile f = function("report-renderer").memoryMb(1024).maxMemoryUsedMb(200).days(14).invocations(1_400_000)
                .durationAvgMs(100).durationMaxMs(400).build();
        Optional<Recommendation> item = Analysis.evaluate(rule, f,
                Learned.of(Learned.measuredDurations(f, 512, 250, 100, Confidence.HIGH)));
        assertTrue(item.isEmpty(), item.toString());
    }

    @Test
    void isTheFunctionsOnlyMemoryItemAndLeavesTheTimeoutAlone() {
        FunctionProfile f = function("report-renderer").memoryMb(512).maxMemoryUsedMb(200).days(14).invocations(1_400_000)
                .durationAvgMs(250).durationMaxMs(1000).timeoutSeconds(3).build();
        Plan plan = Analysis.plan(SnapshotBuilder.of(f), AnalyzerPolicy.defaults(), cutMeasured(f, 100, 250, Confidence.HIGH));
        assertEquals(1, Analysis.itemsOf(plan, "report-renderer").stream().filter(i -> i.kind() == RecommendationKind.MEMORY).count());
        assertEquals("1024", Analysis.itemOf(plan, "report-renderer", RecommendationKind.MEMORY).orElseThrow().proposedValue());
        // 1 s longest x 3 = 3 s: the increase predicts faster, so the timeout is not raised for it
        assertTrue(Analysis.itemOf(plan, "report-renderer", RecommendationKind.TIMEOUT).isEmpty(), plan.items().toString());
    }

    @Property(tries = 300)
    void aProposedIncreaseIsAlwaysPredictedCheaperByTheThreshold(
            @ForAll @IntRange(min = 2, max = 80) int nowSteps, @ForAll @IntRange(min = 1, max = 80) int upSteps,
            @ForAll @DoubleRange(min = 5, max = 5000) double beforeMs, @ForAll @DoubleRange(min = 0.5, max = 8) double slowedBy,
            @ForAll @IntRange(min = 100_000, max = 50_000_000) int invocations) {
        int nowMb = nowSteps * 64;
        int beforeMb = Math.min(10_240, nowMb + upSteps * 64);
        double afterMs = beforeMs * slowedBy;
        FunctionProfile f = function("f").memoryMb(nowMb).maxMemoryUsedMb(100).days(14).invocations(invocations)
                .durationAvgMs(afterMs).durationMaxMs(afterMs * 3).build();
        Analysis.evaluate(rule, f, Learned.of(Learned.measuredDurations(f, beforeMb, beforeMs, afterMs, Confidence.HIGH)))
                .filter(i -> Integer.parseInt(i.proposedValue()) > nowMb)
                .ifPresent(i -> {
                    assertEquals(beforeMb, Integer.parseInt(i.proposedValue()));
                    BigDecimal now = monthly(invocations, afterMs, nowMb, 14);
                    BigDecimal after = monthly(invocations, beforeMs, beforeMb, 14);
                    assertTrue(after.compareTo(now) < 0, i.rationale());
                    assertTrue(now.subtract(after).compareTo(now.multiply(new BigDecimal("0.10"))) >= 0, i.rationale());
                    assertEquals(Pricing.cents(now.subtract(after)), Pricing.cents(i.monthlySavingUsd()), i.rationale());
                });
    }

    @Property(tries = 300)
    void noIncreaseIsProposedForAResponseTheDurationModelDescribes(
            @ForAll @IntRange(min = 2, max = 80) int nowSteps, @ForAll @IntRange(min = 1, max = 80) int upSteps,
            @ForAll @DoubleRange(min = 0, max = 1) double cpuShare) {
        int nowMb = nowSteps * 64;
        int beforeMb = Math.min(10_240, nowMb + upSteps * 64);
        FunctionProfile f = function("f").memoryMb(nowMb).maxMemoryUsedMb(100).days(14).invocations(50_000_000).build();
        Analysis.evaluate(rule, f, Learned.of(Learned.measured(f, cpuShare, beforeMb, nowMb, Confidence.HIGH)))
                .ifPresent(i -> assertTrue(Integer.parseInt(i.proposedValue()) < nowMb, i.rationale()));
    }

    /** A month of {@code invocations} over {@code days} at this duration and memory, x86 in us-east-1, requests included. */
    private static BigDecimal monthly(long invocations, double durationMs, int memoryMb, int days) {
        Pricing pricing = Pricing.standard();
        return Pricing.monthly(pricing.computeUsd(invocations, durationMs, memoryMb, "x86_64").add(pricing.requestsUsd(invocations)), days);
    }
}
