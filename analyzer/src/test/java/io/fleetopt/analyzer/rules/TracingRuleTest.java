package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.core.model.Recommendation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TracingRuleTest {

    private final TracingRule rule = new TracingRule();

    @Test
    void turnsOnActiveTracingForProductionAndShowsItsCost() {
        Recommendation item = Analysis.evaluate(rule, function("f").tag("env", "prod").invocations(1_400_000).build()).orElseThrow();
        assertEquals("Active", item.proposedValue());
        // 3 M a month: the 2.592 M reservoir plus 5 % of the other 408 k = 2,612,400 traces x $5 per million
        assertEquals(new BigDecimal("-13.06"), item.monthlySavingUsd());
    }

    @Test
    void leavesDevelopmentAndAlreadyTracedFunctionsAlone() {
        assertTrue(Analysis.evaluate(rule, function("f").tag("env", "dev").build()).isEmpty());
        assertTrue(Analysis.evaluate(rule, function("f").tag("env", "prod").activeTracing().build()).isEmpty());
        assertTrue(Analysis.evaluate(rule, function("f").build()).isEmpty());
    }

}
