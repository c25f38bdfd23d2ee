package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.pricing.Pricing;

import java.util.Locale;

/**
 * A memory cut has no purpose but money, and carries the risk of a slower or failing function: one that saves less
 * than {@code min-monthly-saving-usd} a month is reported, not applied. Checked once the item is priced whole (through
 * its alias, with the provisioned concurrency it keeps warm), on the cents the plan shows.
 */
public final class MinimumSaving {

    private MinimumSaving() {
    }

    public static Recommendation review(Recommendation item, AnalyzerPolicy policy) {
        if (item.kind() != RecommendationKind.MEMORY || item.action() != Action.APPLY || !isCut(item)
                || Pricing.cents(item.monthlySavingUsd()).compareTo(policy.minMonthlySavingUsd()) >= 0) {
            return item;
        }
        String sentence = item.rationale().endsWith(".") ? item.rationale().substring(0, item.rationale().length() - 1)
                : item.rationale();
        String rationale = sentence + String.format(Locale.ROOT, "; reported, not applied: it saves less than the %s/month "
                + "a memory cut must save (fleetopt.analyzer.min-monthly-saving-usd).", Numbers.usd(policy.minMonthlySavingUsd()));
        return new Recommendation(item.id(), item.functionArn(), item.functionName(), item.kind(), item.currentValue(),
                item.proposedValue(), item.risk(), Action.REPORT_ONLY, rationale, item.monthlySavingUsd(), item.assumptions(),
                item.plannedRevisionId(), item.warnings());
    }

    private static boolean isCut(Recommendation item) {
        try {
            return Integer.parseInt(item.proposedValue()) < Integer.parseInt(item.currentValue());
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
