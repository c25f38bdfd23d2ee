package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.core.model.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogRetentionRuleTest {

    private final LogRetentionRule rule = new LogRetentionRule();

    @ParameterizedTest(name = "env={0}, tag={1} -> {2} days")
    @CsvSource(nullValues = "none", value = {
            "prod, none, 90",
            "dev,  none, 7",
            "none, none, 30",
            "qa,   none, 30",
            "prod, 365,  365",
            "prod, 45,   90",  // not a CloudWatch retention: ignored
            "dev,  abc,  7",
    })
    void setsTheRetentionOfTheFunctionsEnvironmentOrItsTag(String environment, String tag, int days) {
        var builder = function("f").logsNeverExpire();
        if (environment != null) {
            builder.tag("env", environment);
        }
        if (tag != null) {
            builder.tag("fleetopt:retention-days", tag);
        }
        assertEquals(Integer.toString(days), Analysis.evaluate(rule, builder.build()).orElseThrow().proposedValue());
    }

    @Test
    void leavesALogGroupWithARetentionAlone() {
        assertTrue(Analysis.evaluate(rule, function("f").logRetentionDays(3653).build()).isEmpty());
    }

    @Test
    void leavesALogGroupWhoseRetentionCouldNotBeReadAlone() {
        assertTrue(Analysis.evaluate(rule, function("f").logsNeverExpire().unknown("logRetentionDays").build()).isEmpty());
    }

    @Test
    void pricesTheStorageThatStopsPilingUp() {
        Recommendation item = Analysis.evaluate(rule, function("f").logsNeverExpire().logStoredBytes(365L * 1024 * 1024 * 1024)
                .build()).orElseThrow();
        // 365 GB, 30 days kept: 335 GB x $0.03
        assertEquals(new BigDecimal("10.05"), item.monthlySavingUsd());
    }

}
