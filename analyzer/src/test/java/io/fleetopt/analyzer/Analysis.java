package io.fleetopt.analyzer;

import io.fleetopt.analyzer.rules.Rule;
import io.fleetopt.analyzer.rules.RuleContext;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.pricing.Pricing;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs one rule or the whole analyzer in tests, with the default policy unless told otherwise. */
public final class Analysis {

    private Analysis() {
    }

    public static Optional<Recommendation> evaluate(Rule rule, FunctionProfile function) {
        return evaluate(rule, function, AnalyzerPolicy.defaults(), SnapshotBuilder.of(function));
    }

    public static Optional<Recommendation> evaluate(Rule rule, FunctionProfile function, AnalyzerPolicy policy, FleetSnapshot snapshot) {
        RuleContext context = new RuleContext(policy, FunctionPolicy.resolve(policy, function.config()),
                Pricing.standard().in(function.region()), snapshot,
                new ConcurrencyBudget(snapshot.accountConcurrency().unreservedConcurrentExecutions(), policy.minUnreservedConcurrency()),
                new ArrayList<>());
        return rule.evaluate(function, context);
    }

    public static Plan plan(FleetSnapshot snapshot) {
        return plan(snapshot, AnalyzerPolicy.defaults());
    }

    public static Plan plan(FleetSnapshot snapshot, AnalyzerPolicy policy) {
        return new Analyzer(policy, Pricing.standard(), io.fleetopt.analyzer.rules.RuleSet.standard(),
                Clock.fixed(SnapshotBuilder.COLLECTED_AT, ZoneOffset.UTC)).analyze(snapshot);
    }

    public static List<Recommendation> itemsOf(Plan plan, String functionName) {
        return plan.items().stream().filter(i -> i.functionName().equals(functionName)).toList();
    }

    public static Optional<Recommendation> itemOf(Plan plan, String functionName, RecommendationKind kind) {
        return plan.items().stream().filter(i -> i.functionName().equals(functionName) && i.kind() == kind).findFirst();
    }
}
