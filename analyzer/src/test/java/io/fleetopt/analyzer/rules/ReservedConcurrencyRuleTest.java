package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.SnapshotBuilder;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReservedConcurrencyRuleTest {

    private final ReservedConcurrencyRule rule = new ReservedConcurrencyRule();

    private static FunctionProfile throttled(String name, int reserved) {
        return function(name).reservedConcurrency(reserved).peakConcurrency(reserved).invocations(100_000).throttles(10_000).build();
    }

    @ParameterizedTest(name = "unreserved {0}: a reservation of 10 wanting 17 becomes {1}")
    @CsvSource({
            "900, 17",  // plenty to spare
            "107, 17",  // exactly 7 to spare above 100
            "105, 15",  // only 5 to spare: capped
            "101, 11",  // 1 to spare
    })
    void raisesAThrottledReservationWithoutTakingTheAccountBelowOneHundredUnreserved(int unreserved, int proposed) {
        FunctionProfile f = throttled("f", 10);
        Recommendation item = Analysis.evaluate(rule, f, AnalyzerPolicy.defaults(),
                SnapshotBuilder.snapshot().with(f).unreservedConcurrency(unreserved).build()).orElseThrow();
        assertEquals(Integer.toString(proposed), item.proposedValue());
        assertEquals(Action.REPORT_ONLY, item.action());
    }

    @Test
    void reportsAThrottledFunctionAsHighRiskWhenTheAccountHasNothingToSpare() {
        FunctionProfile f = throttled("f", 10);
        Recommendation item = Analysis.evaluate(rule, f, AnalyzerPolicy.defaults(),
                SnapshotBuilder.snapshot().with(f).unreservedConcurrency(100).build()).orElseThrow();
        assertEquals("10", item.proposedValue());
        assertEquals(Risk.HIGH, item.risk());
        assertTrue(item.rationale().contains("account limit"), item.rationale());
    }

    @Test
    void sharesTheSpareConcurrencyBetweenTheFunctionsOfOnePlan() {
        Plan plan = Analysis.plan(SnapshotBuilder.snapshot().with(throttled("a", 10), throttled("b", 10))
                .unreservedConcurrency(110).build());
        int raised = plan.items().stream().filter(i -> i.kind() == RecommendationKind.RESERVED_CONCURRENCY)
                .mapToInt(i -> Integer.parseInt(i.proposedValue()) - Integer.parseInt(i.currentValue())).sum();
        assertEquals(10, raised);
    }

    @Test
    void appliesWhenThePolicySaysSo() {
        AnalyzerPolicy policy = new AnalyzerPolicy(20, 7, 50, 3, 30, "", "env", "prod", "report-only", 100, 1.5, true,
                BigDecimal.ONE, "", 20, 50, 10);
        FunctionProfile f = throttled("f", 10);
        assertEquals(Action.APPLY, Analysis.evaluate(rule, f, policy, SnapshotBuilder.of(f)).orElseThrow().action());
    }

    @ParameterizedTest(name = "reserved {0}, peak {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "200, 3,  5",     // 3 x 1.5 = 4.5 -> 5, far below 200
            "10,  3,  none",  // 10 <= 5 x 2: close enough
            "11,  3,  5",
            "0,   0,  none",  // switched off on purpose
    })
    void lowersAReservationFarAboveThePeak(int reserved, int peak, Integer proposed) {
        Optional<Recommendation> item = Analysis.evaluate(rule, function("f").reservedConcurrency(reserved).peakConcurrency(peak).build());
        assertEquals(Optional.ofNullable(proposed).map(String::valueOf), item.map(Recommendation::proposedValue));
    }

    @Test
    void leavesAFunctionWithoutAReservationAlone() {
        assertTrue(Analysis.evaluate(rule, function("f").throttles(500).build()).isEmpty());
    }
}
