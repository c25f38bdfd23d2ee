package io.fleetopt.notifier;

import io.fleetopt.core.model.OptimizerCost;
import io.fleetopt.core.model.RunCostAtScale;
import io.fleetopt.core.pricing.OptimizerPricing;

import java.math.BigDecimal;
import java.util.Locale;
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
                + String.join("; ", cost.assumptions()) + ")" + atScale(cost);
    }

    /** The same run estimated on larger fleets, one line each (nothing for a plan written before the estimate). */
    static String atScale(OptimizerCost cost) {
        if (cost.atScale() == null || cost.atScale().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nEstimated at scale (a first run, every change approved, "
                + "ApplyApproved's children as Express workflows):");
        for (RunCostAtScale run : cost.atScale()) {
            out.append(String.format(Locale.ROOT, "%n  %,d functions: %s a run; %,d items in Express children %s "
                            + "(as Standard children: %s), %,d Step Functions transitions of the run, %,d Lambda GB-seconds, "
                            + "%,d AWS API calls", run.functions(), OptimizerPricing.usd(run.totalUsd()), run.itemsApplied(),
                    OptimizerPricing.usd(run.expressChildrenUsd()), OptimizerPricing.usd(run.standardChildrenUsd()),
                    run.standardTransitions(), run.lambdaGbSeconds(), run.apiCalls()));
        }
        return out.toString();
    }
}
