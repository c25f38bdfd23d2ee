package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.ConcurrencyBudget;
import io.fleetopt.analyzer.FunctionPolicy;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.LearnedResponses;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.pricing.Pricing;

import java.util.List;

/**
 * What a rule may consult besides the function itself: the account policy and the function's own
 * ({@code function}, after tag overrides), prices in the function's region, the snapshot, the plan's
 * concurrency budget, the items earlier rules proposed for this function, and what earlier memory changes taught
 * about the functions' response to memory ({@code learned}).
 */
public record RuleContext(AnalyzerPolicy policy, FunctionPolicy function, Pricing pricing, FleetSnapshot snapshot,
                          ConcurrencyBudget concurrency, List<Recommendation> earlierItems, LearnedResponses learned) {

    /** A context without learned responses (none measured yet). */
    public RuleContext(AnalyzerPolicy policy, FunctionPolicy function, Pricing pricing, FleetSnapshot snapshot,
                       ConcurrencyBudget concurrency, List<Recommendation> earlierItems) {
        this(policy, function, pricing, snapshot, concurrency, earlierItems, LearnedResponses.none());
    }

    /**
     * The memory the function will have if this plan's memory item is taken, else its current memory. Savings that
     * depend on memory are counted at it, so the plan's total does not count the same GB-seconds twice.
     */
    public int memoryAfterPlanMb(FunctionProfile function) {
        return earlierItems.stream().filter(item -> item.kind() == RecommendationKind.MEMORY)
                .map(item -> Integer.parseInt(item.proposedValue())).findFirst().orElse(function.config().memoryMb());
    }
}
