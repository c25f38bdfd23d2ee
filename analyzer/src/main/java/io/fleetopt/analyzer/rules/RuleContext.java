package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.ConcurrencyBudget;
import io.fleetopt.analyzer.FunctionPolicy;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.pricing.Pricing;

import java.util.List;

/**
 * What a rule may consult besides the function itself: the account policy and the function's own
 * ({@code function}, after tag overrides), prices in the function's region, the snapshot, the plan's
 * concurrency budget, and the items earlier rules proposed for this function.
 */
public record RuleContext(AnalyzerPolicy policy, FunctionPolicy function, Pricing pricing, FleetSnapshot snapshot,
                          ConcurrencyBudget concurrency, List<Recommendation> earlierItems) {

    /**
     * The memory the function will have if this plan's memory item is taken, else its current memory. Savings that
     * depend on memory are counted at it, so the plan's total does not count the same GB-seconds twice.
     */
    public int memoryAfterPlanMb(FunctionProfile function) {
        return earlierItems.stream().filter(item -> item.kind() == RecommendationKind.MEMORY)
                .map(item -> Integer.parseInt(item.proposedValue())).findFirst().orElse(function.config().memoryMb());
    }
}
