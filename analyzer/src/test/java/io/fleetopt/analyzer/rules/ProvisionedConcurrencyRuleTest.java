package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvisionedConcurrencyRuleTest {

    private final ProvisionedConcurrencyRule rule = new ProvisionedConcurrencyRule();

    @ParameterizedTest(name = "{0} provisioned at {1} utilization -> {2}")
    @CsvSource(nullValues = "none", value = {
            "20, 0.06, 2",     // 20 x 0.06 x 1.2 = 1.44 -> 2
            "20, 0.0,  none",  // never used: removed ("none")
            "20, 0.5,  keep",  // not low
            "2,  0.45, keep",  // 2 x 0.45 x 1.2 = 1.08 -> 2: nothing to lower
    })
    void lowersOrRemovesProvisionedConcurrencyThatStaysIdle(int provisioned, double utilization, String expected) {
        Optional<Recommendation> item = Analysis.evaluate(rule, function("f").provisioned(provisioned, utilization).build());
        if ("keep".equals(expected)) {
            assertTrue(item.isEmpty());
            return;
        }
        assertEquals(expected == null ? "none" : expected, item.orElseThrow().proposedValue());
        assertEquals(Action.REPORT_ONLY, item.orElseThrow().action());
    }

    @Test
    void savesTheProvisionedGbSecondsNoLongerKeptWarm() {
        Recommendation item = Analysis.evaluate(rule, function("f").memoryMb(1024).provisioned(20, 0.0).build()).orElseThrow();
        // 20 x 1 GB x 2,592,000 s x $0.0000041667
        assertEquals(new BigDecimal("216.00"), item.monthlySavingUsd());
    }

}
