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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void guardsAMemoryChangeWithErrorsTimeoutAndP99AndSaysWhyThereIsNoMemoryAlarmWithoutInsights() {
        FunctionProfile f = function("f").build();
        Recommendation alarms = after(f, item(f, RecommendationKind.MEMORY, Action.APPLY)).orElseThrow();
        assertEquals("Errors, Duration near timeout, Duration p99 over its baseline", alarms.proposedValue());
        assertEquals(new BigDecimal("-0.30"), alarms.monthlySavingUsd());
        assertEquals(Action.REPORT_ONLY, alarms.action());
        assertTrue(alarms.rationale().endsWith("for $0.30/month; no max-memory-used alarm: its memory evidence is Logs Insights "
                + "over every REPORT line of the window, and only Lambda Insights publishes a metric an alarm can watch."),
                alarms.rationale());
        assertFalse(alarms.rationale().contains("on its own"), "what happens when an alarm fires is the summary's to say");
    }

    @Test
    void withLambdaInsightsAndAnSqsDeadLetterQueueAMemoryChangeGetsTheMemoryAndQueueAlarmsToo() {
        FunctionProfile f = function("f").cpuTimeRatio(0.3).deadLetterQueue("arn:aws:sqs:us-east-1:123456789012:f-dlq").build();
        Recommendation alarms = after(f, item(f, RecommendationKind.MEMORY, Action.APPLY)).orElseThrow();
        assertEquals("Errors, Duration near timeout, Duration p99 over its baseline, Max memory used, Dead-letter queue depth",
                alarms.proposedValue());
        assertFalse(alarms.rationale().contains("no max-memory-used alarm"), alarms.rationale());
    }

    @Test
    void addsAThrottlesAlarmForAReservedConcurrencyChange() {
        FunctionProfile f = function("f").build();
        assertEquals("Errors, Duration near timeout, Throttles", after(f, item(f, RecommendationKind.TIMEOUT, Action.APPLY),
                item(f, RecommendationKind.RESERVED_CONCURRENCY, Action.APPLY)).orElseThrow().proposedValue());
    }

    @Test
    void aRetentionChangeAloneGetsNoAlarmsSoNoneIsListed() {
        FunctionProfile f = function("f").build();
        assertTrue(after(f, item(f, RecommendationKind.LOG_RETENTION, Action.APPLY)).isEmpty());
    }

    @Test
    void addsNothingWhenNothingWillBeChanged() {
        FunctionProfile f = function("f").build();
        assertTrue(after(f).isEmpty());
        assertTrue(after(f, item(f, RecommendationKind.RUNTIME, Action.REPORT_ONLY)).isEmpty());
    }
}
