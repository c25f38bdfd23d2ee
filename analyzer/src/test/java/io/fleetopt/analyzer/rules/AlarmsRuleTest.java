package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.ConcurrencyBudget;
import io.fleetopt.analyzer.FunctionPolicy;
import io.fleetopt.analyzer.SnapshotBuilder;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.pricing.Pricing;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlarmsRuleTest {

    private final AlarmsRule rule = new AlarmsRule();

    private Optional<Recommendation> after(FunctionProfile f, Recommendation... earlier) {
        AnalyzerPolicy policy = AnalyzerPolicy.defaults();
        return rule.evaluate(f, new RuleContext(policy, FunctionPolicy.resolve(policy, f.config()), Pricing.standard(),
                SnapshotBuilder.of(f), new ConcurrencyBudget(900, 100), List.of(earlier)));
    }

    private static Recommendation item(FunctionProfile f, RecommendationKind kind, Action action) {
        return RecommendationFactory.recommend(f, kind, "1", "2", Risk.LOW, action, "r.", BigDecimal.ONE, List.of());
    }

    @Test
    void guardsAChangedFunctionWithErrorThrottleAndDurationAlarms() {
        FunctionProfile f = function("f").build();
        Recommendation alarms = after(f, item(f, RecommendationKind.MEMORY, Action.APPLY)).orElseThrow();
        assertEquals("Errors, Throttles, Duration near timeout", alarms.proposedValue());
        assertEquals(new BigDecimal("-0.30"), alarms.monthlySavingUsd());
        assertEquals(Action.REPORT_ONLY, alarms.action());
    }

    @Test
    void addsADlqDepthAlarmWhenTheFunctionHasAQueue() {
        FunctionProfile f = function("f").deadLetterQueue("arn:aws:sqs:us-east-1:1:dlq").build();
        assertEquals(4, after(f, item(f, RecommendationKind.TIMEOUT, Action.APPLY)).orElseThrow().proposedValue().split(", ").length);
    }

    @Test
    void addsNothingWhenNothingWillBeChanged() {
        FunctionProfile f = function("f").build();
        assertTrue(after(f).isEmpty());
        assertTrue(after(f, item(f, RecommendationKind.RUNTIME, Action.REPORT_ONLY)).isEmpty());
    }
}
