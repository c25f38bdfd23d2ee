package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import org.junit.jupiter.api.Test;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterRuleTest {

    private final DeadLetterRule rule = new DeadLetterRule();

    @Test
    void reportsAnAsyncFunctionWithNowhereForFailedEventsToGo() {
        Recommendation item = Analysis.evaluate(rule, function("f").asyncEvents(1_000).errors(3).build()).orElseThrow();
        assertEquals(Action.REPORT_ONLY, item.action());
        assertEquals(Risk.HIGH, item.risk());
    }

    @Test
    void leavesFunctionsWithADlqADestinationOrNoAsyncEventsAlone() {
        assertTrue(Analysis.evaluate(rule, function("f").asyncEvents(1_000).deadLetterQueue("arn:aws:sqs:us-east-1:1:q").build()).isEmpty());
        assertTrue(Analysis.evaluate(rule, function("f").asyncEvents(1_000).onFailureDestination("arn:aws:sqs:us-east-1:1:q").build()).isEmpty());
        assertTrue(Analysis.evaluate(rule, function("f").asyncEvents(0).build()).isEmpty());
    }

}
