package io.fleetopt.analyzer;

import io.fleetopt.analyzer.rules.Rule;
import io.fleetopt.analyzer.rules.RuleContext;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.LearnedResponses;
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
        return evaluate(rule, function, policy, snapshot, LearnedResponses.none());
    }

    /** One rule, with the responses to memory earlier changes measured. */
    public static Optional<Recommendation> evaluate(Rule rule, FunctionProfile function, LearnedResponses learned) {
        return evaluate(rule, function, AnalyzerPolicy.defaults(), SnapshotBuilder.of(function), learned);
    }

    public static Optional<Recommendation> evaluate(Rule rule, FunctionProfile function, AnalyzerPolicy policy, FleetSnapshot snapshot,
                                                    LearnedResponses learned) {
        RuleContext context = new RuleContext(policy, FunctionPolicy.resolve(policy, function.config()),
                Pricing.standard().in(function.region()), snapshot,
                new ConcurrencyBudget(snapshot.accountConcurrency().unreservedConcurrentExecutions(), policy.minUnreservedConcurrency()),
                new ArrayList<>(), learned);
        return rule.evaluate(function, context);
    }

    public static Plan plan(FleetSnapshot snapshot) {
        return plan(snapshot, AnalyzerPolicy.defaults());
    }

    public static Plan plan(FleetSnapshot snapshot, AnalyzerPolicy policy) {
        return plan(snapshot, policy, LearnedResponses.none());
    }

    public static Plan plan(FleetSnapshot snapshot, AnalyzerPolicy policy, LearnedResponses learned) {
        return new Analyzer(policy, Pricing.standard(), io.fleetopt.analyzer.rules.RuleSet.standard(),
                Clock.fixed(SnapshotBuilder.COLLECTED_AT, ZoneOffset.UTC)).analyze(snapshot, learned);
    }

    public static List<Recommendation> itemsOf(Plan plan, String functionName) {
        return plan.items().stream().filter(i -> i.functionName().equals(functionName)).toList();
    }

    public static Optional<Recommendation> itemOf(Plan plan, String functionName, RecommendationKind kind) {
        return plan.items().stream().filter(i -> i.functionName().equals(functionName) && i.kind() == kind).findFirst();
    }
}
