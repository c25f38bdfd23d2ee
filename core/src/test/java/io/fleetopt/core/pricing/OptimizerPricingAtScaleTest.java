package io.fleetopt.core.pricing;

import io.fleetopt.core.model.CollectionCost;
import io.fleetopt.core.model.OptimizerCost;
import io.fleetopt.core.model.RunCostAtScale;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerPricingAtScaleTest {

    @Test
    void aTenThousandFunctionRunAppliesTwentyThousandItemsInExpressChildrenForCentsWhereStandardOnesCostTwoDollars() {
        RunCostAtScale run = OptimizerPricing.atScale(10_000);

        assertEquals(20_000, run.itemsApplied());
        assertEquals(21, run.standardTransitions(), "the items are not transitions of the Standard parent any more");
        // 20,000 requests at $1 per million, and 20,000 x 2 s x 64 MB at $0.00001667 per GB-second
        assertEquals(new BigDecimal("0.061675"), run.expressChildrenUsd());
        // 4 transitions per item at $0.025 per 1,000
        assertEquals(new BigDecimal("2.000000"), run.standardChildrenUsd());
        // collection 300 s at 2 GB, 20,000 ApplyItems of 2 s at 1 GB, 8 other stages of 5 s
        assertEquals(600 + 40_000 + 40, run.lambdaGbSeconds());
        // 4 calls per function, 160 GetMetricData calls of 500 metrics, 6 per item, 2 Cost Explorer requests
        assertEquals(40_000 + 160 + 120_000 + 2, run.apiCalls());
        BigDecimal lambda = new BigDecimal("0.0000133334").multiply(BigDecimal.valueOf(40_640))
                .add(new BigDecimal("0.0000002").multiply(BigDecimal.valueOf(20_009)));
        BigDecimal calls = new BigDecimal("0.00001").multiply(BigDecimal.valueOf(80_000))
                .add(new BigDecimal("0.000005").multiply(BigDecimal.valueOf(30_000)))
                .add(new BigDecimal("0.0000004").multiply(BigDecimal.valueOf(20_000))).add(new BigDecimal("0.02"));
        // the parent: 21 transitions at $0.025 per 1,000
        assertEquals(new BigDecimal("0.000525").add(new BigDecimal("0.061675")).add(lambda).add(calls)
                .setScale(6, java.math.RoundingMode.HALF_UP), run.totalUsd());
    }

    @Test
    void costGrowsWithTheFleetAndExpressChildrenStayCheaperThanStandardOnesAtEveryScale() {
        List<RunCostAtScale> runs = OptimizerPricing.SCALES.stream().map(OptimizerPricing::atScale).toList();

        for (int i = 0; i < runs.size(); i++) {
            assertTrue(runs.get(i).expressChildrenUsd().compareTo(runs.get(i).standardChildrenUsd()) < 0, runs.get(i).toString());
            if (i > 0) {
                assertTrue(runs.get(i).totalUsd().compareTo(runs.get(i - 1).totalUsd()) > 0);
                assertEquals(runs.get(i).functions() * 2L, runs.get(i).itemsApplied());
            }
        }
    }

    @Test
    void theWeeklyRunsOwnCostCarriesTheRunAtEachScale() {
        OptimizerCost cost = OptimizerPricing.weeklyRun(new CollectionCost(Map.of(), 0, 0), 36, 79);

        assertEquals(List.of(1_000, 10_000, 100_000), cost.atScale().stream().map(RunCostAtScale::functions).toList());
        assertTrue(cost.assumptions().stream().anyMatch(a -> a.contains("one Express child per item applied")), cost.assumptions().toString());
    }
}
