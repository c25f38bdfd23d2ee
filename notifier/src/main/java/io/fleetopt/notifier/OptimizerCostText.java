package io.fleetopt.notifier;

import io.fleetopt.core.model.OptimizerCost;
import io.fleetopt.core.pricing.OptimizerPricing;

import java.math.BigDecimal;
import java.util.Map;

/** The optimizer's own cost of a weekly run, as one line for the plan and the weekly summary. */
public final class OptimizerCostText {

    private OptimizerCostText() {
    }

    /** In total, per 1,000 functions and by part, with the assumptions it rests on. */
    public static String line(OptimizerCost cost) {
        StringBuilder parts = new StringBuilder();
        for (Map.Entry<String, BigDecimal> part : cost.byItemUsd().entrySet()) {
            parts.append(parts.isEmpty() ? "" : ", ").append(part.getKey()).append(' ').append(OptimizerPricing.usd(part.getValue()));
        }
        return "Optimizer's own cost of a weekly run: " + OptimizerPricing.usd(cost.totalUsd()) + " ("
                + OptimizerPricing.usd(cost.per1000FunctionsUsd()) + " per 1,000 functions): " + parts + " ("
                + String.join("; ", cost.assumptions()) + ")";
    }
}
