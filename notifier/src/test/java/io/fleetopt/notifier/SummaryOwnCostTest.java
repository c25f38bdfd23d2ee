package io.fleetopt.notifier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.OptimizerCost;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weekly summary says what the run itself cost in the account, as the plan does. */
class SummaryOwnCostTest {

    private static final Instant NOW = Instant.parse("2026-11-02T06:00:00Z");

    @Test
    void summaryCarriesTheRunsOwnCostFromThePlan() {
        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        parts.put("GetMetricData", new BigDecimal("0.025050"));
        parts.put("Cost Explorer", new BigDecimal("0.020000"));
        OptimizerCost cost = new OptimizerCost(new BigDecimal("0.045050"), new BigDecimal("0.045050"), 1_000, parts,
                List.of("list prices of us-east-1 as of 2026-11-01, first tier, no free tier"));
        String body = summary(cost);
        assertTrue(body.contains("Optimizer's own cost of a weekly run: " + io.fleetopt.core.pricing.OptimizerPricing.usd(cost.totalUsd())),
                body);
        assertTrue(body.contains("per 1,000 functions") && body.contains("GetMetricData") && body.contains("as of 2026-11-01"), body);
    }

    @Test
    void theCostSectionShowsTheRunAtEachScaleWithExpressAndStandardChildren() {
        OptimizerCost cost = io.fleetopt.core.pricing.OptimizerPricing.weeklyRun(
                new io.fleetopt.core.model.CollectionCost(Map.of(), 0, 0), 36, 79);
        String text = OptimizerCostText.line(cost);
        for (var run : cost.atScale()) {
            assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%,d functions: %s a run; %,d items in Express children %s "
                    + "(as Standard children: %s)", run.functions(), io.fleetopt.core.pricing.OptimizerPricing.usd(run.totalUsd()),
                    run.itemsApplied(), io.fleetopt.core.pricing.OptimizerPricing.usd(run.expressChildrenUsd()),
                    io.fleetopt.core.pricing.OptimizerPricing.usd(run.standardChildrenUsd()))), text);
        }
        assertTrue(text.contains("100,000 functions"), text);
        assertFalse(OptimizerCostText.line(new OptimizerCost(cost.totalUsd(), cost.per1000FunctionsUsd(), 36, cost.byItemUsd(),
                cost.assumptions())).contains("at scale"), "a plan written before the estimate shows none");
    }

    @Test
    void aPlanWithoutTheCostSaysNothingAboutIt() {
        assertFalse(summary(null).contains("own cost"));
    }

    private static String summary(OptimizerCost cost) {
        Plan plan = new Plan(Plan.SCHEMA_VERSION, "run-1", NOW, List.of(), List.of(),
                new PlanTotals(0, 0, 0, 0, 0, BigDecimal.ZERO, Map.of(), Map.of()), List.of(), List.of(), cost);
        return Messages.summary(plan, new ApplyResult(ApplyResult.SCHEMA_VERSION, "run-1", NOW, List.of()), "123456789012",
                null, "--demo").body();
    }
}
