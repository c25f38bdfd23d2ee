package io.fleetopt.analyzer;

import io.fleetopt.core.model.FunctionVerdict;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Verdict;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every function of the snapshot has one line in the plan's accounting, and the lines add up to the fleet. */
class PlanAccountingTest {

    private final Plan plan = Analysis.plan(SnapshotBuilder.of(
            function("oversized").memoryMb(3008).maxMemoryUsedMb(200).build(),
            function("well-sized").memoryMb(256).maxMemoryUsedMb(200).timeoutSeconds(1).build(),
            function("young").days(4).build(),
            function("young-on-python37").days(2).runtime("python3.7").build(),
            function("legacy").tag("fleetopt:skip", "true").build(),
            function("unreadable").evidenceUnavailable("GetMetricData failed (ThrottlingException)").build()));
    private final Map<String, FunctionVerdict> byName = plan.verdicts().stream()
            .collect(Collectors.toMap(FunctionVerdict::functionName, Function.identity()));

    @Test
    void accountsForEveryFunctionExactlyOnceAndTheVerdictsAddUpToTheFleet() {
        assertEquals(6, plan.verdicts().size());
        assertEquals(6, plan.count(Verdict.ITEMS) + plan.count(Verdict.LEFT_ALONE) + plan.count(Verdict.NOTHING_TO_CHANGE));
        for (FunctionVerdict verdict : plan.verdicts()) {
            long items = plan.items().stream().filter(i -> i.functionName().equals(verdict.functionName())).count();
            assertEquals(items, verdict.items(), verdict.functionName());
            assertEquals(items > 0, verdict.verdict() == Verdict.ITEMS, verdict.toString());
            assertTrue(!verdict.detail().isBlank(), verdict.functionName() + " has no reason or check in words");
        }
    }

    @Test
    void saysWhatWasCheckedWhenThereIsNothingToChange() {
        FunctionVerdict well = byName.get("well-sized");
        assertEquals(Verdict.NOTHING_TO_CHANGE, well.verdict(), plan.items().toString());
        assertTrue(well.detail().startsWith("checked memory, timeout"), well.detail());
        assertTrue(well.detail().endsWith("memory from Logs Insights over every REPORT line of the window"), well.detail());
    }

    @Test
    void flagsADeprecatedRuntimeEvenWithTooLittleMetricHistoryButReducesNothing() {
        FunctionVerdict young = byName.get("young-on-python37");
        assertEquals(Verdict.ITEMS, young.verdict());
        assertTrue(Analysis.itemOf(plan, "young-on-python37", RecommendationKind.RUNTIME).isPresent());
        assertTrue(Analysis.itemOf(plan, "young-on-python37", RecommendationKind.MEMORY).isEmpty());
        assertEquals("only configuration checked: only 2 days of data, 7 needed", young.detail());
        assertTrue(plan.skipped().stream().anyMatch(s -> s.functionName().equals("young-on-python37")),
                "still listed as left alone by the rules that need metrics");
    }

    @Test
    void leavesAFunctionWhoseMetricsCouldNotBeReadAsEvidenceUnavailableWithTheCauseNotZeroDays() {
        FunctionVerdict unreadable = byName.get("unreadable");
        assertEquals(Verdict.LEFT_ALONE, unreadable.verdict());
        assertEquals("GetMetricData failed (ThrottlingException)", unreadable.evidenceUnavailable());
        assertTrue(unreadable.detail().startsWith("evidence unavailable: metrics could not be read (GetMetricData failed (ThrottlingException))"),
                unreadable.detail());
        assertTrue(!unreadable.detail().contains("0 days"), unreadable.detail());
        assertEquals(1, plan.evidenceUnavailable());
        assertNull(byName.get("young").evidenceUnavailable());
    }

    @Test
    void printsTheOptimizersOwnCostOfTheRun() {
        assertTrue(plan.optimizerCost() != null);
        assertTrue(plan.optimizerCost().totalUsd().compareTo(BigDecimal.ZERO) > 0);
        assertEquals(6, plan.optimizerCost().functions());
    }
}
