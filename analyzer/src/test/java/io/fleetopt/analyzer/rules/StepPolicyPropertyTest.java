package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.Learned;
import io.fleetopt.analyzer.SnapshotBuilder;
import io.fleetopt.core.pricing.DurationModel;
import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.Recommendation;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever the memory and its use: without CPU time and without a measured response, no cut takes more than half
 * of the memory in a week, and none is taken while an earlier one waits to be measured; with a measured response,
 * no cut is predicted to slow p99 beyond the latency guard.
 */
class StepPolicyPropertyTest {

    private final MemoryRule rule = new MemoryRule();

    @Property(tries = 500)
    void neverCutsMoreThanHalfWithoutEvidenceOfTheResponse(@ForAll @IntRange(min = 128, max = 10_240) int memoryMb,
                                                           @ForAll @IntRange(min = 20, max = 9_000) int maxUsedMb,
                                                           @ForAll boolean logsInsights) {
        FunctionProfile f = function("f").memoryMb(memoryMb).maxMemoryUsedMb(Math.min(maxUsedMb, memoryMb))
                .memorySource(logsInsights ? MemorySource.LOGS_INSIGHTS : MemorySource.LOG_SCAN).build();
        Optional<Recommendation> item = Analysis.evaluate(rule, f);
        item.filter(i -> Integer.parseInt(i.proposedValue()) < memoryMb).ifPresent(i ->
                assertTrue(Integer.parseInt(i.proposedValue()) * 2 >= memoryMb, memoryMb + " -> " + i.proposedValue()));
        Optional<Recommendation> waiting = Analysis.evaluate(rule, f, Learned.pending(f, Math.min(10_240, memoryMb * 2)));
        assertTrue(waiting.isEmpty() || Integer.parseInt(waiting.get().proposedValue()) > memoryMb,
                "a cut while the last one waits to be measured: " + waiting);
    }

    @Property(tries = 300)
    void aStepOfSixteenPercentKeepsEvenTheWorstCaseWithinTheGuard(@ForAll @IntRange(min = 128, max = 10_240) int memoryMb,
                                                                 @ForAll @IntRange(min = 20, max = 2_000) int maxUsedMb) {
        AnalyzerPolicy d = AnalyzerPolicy.defaults();
        AnalyzerPolicy sixteen = new AnalyzerPolicy(d.headroomPercent(), d.minDays(), d.minInvocations(), d.timeoutSafetyFactor(),
                d.retentionDays(), d.retentionByEnvironment(), d.environmentTag(), d.productionEnvironments(), d.iacManaged(),
                d.minUnreservedConcurrency(), d.concurrencyFactor(), d.reservedConcurrencyApply(), d.minMonthlySavingUsd(),
                d.priceOverrides(), 20, 16, d.minIncreaseSavingPercent());
        FunctionProfile f = function("f").memoryMb(memoryMb).maxMemoryUsedMb(Math.min(maxUsedMb, memoryMb)).build();
        Analysis.evaluate(rule, f, sixteen, SnapshotBuilder.of(f)).filter(i -> Integer.parseInt(i.proposedValue()) < memoryMb)
                .ifPresent(i -> assertTrue(DurationModel.allCpu(memoryMb).slowdown(Integer.parseInt(i.proposedValue())) <= 1.2,
                        memoryMb + " -> " + i.proposedValue()));
    }

    @Property(tries = 500)
    void neverProposesACutPredictedBeyondTheLatencyGuard(@ForAll @IntRange(min = 256, max = 10_240) int memoryMb,
                                                          @ForAll @IntRange(min = 20, max = 2_000) int maxUsedMb,
                                                          @ForAll @DoubleRange(min = 0, max = 1) double cpuShare,
                                                          @ForAll @IntRange(min = 128, max = 10_240) int measuredAtMb) {
        FunctionProfile f = function("f").memoryMb(memoryMb).maxMemoryUsedMb(Math.min(maxUsedMb, memoryMb)).build();
        var learned = Learned.measured(f, cpuShare, measuredAtMb, memoryMb, Confidence.HIGH);
        Analysis.evaluate(rule, f, Learned.of(learned)).filter(i -> Integer.parseInt(i.proposedValue()) < memoryMb).ifPresent(i -> {
            double slowdown = learned.modelAt(memoryMb).slowdown(Integer.parseInt(i.proposedValue()));
            assertTrue(slowdown <= 1.2 + 1e-9, memoryMb + " -> " + i.proposedValue() + ": " + slowdown);
        });
    }
}
