package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Recommendation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchitectureRuleTest {

    private final ArchitectureRule rule = new ArchitectureRule();

    @Test
    void listsAnArm64CandidateWithItsSaving() {
        Recommendation item = Analysis.evaluate(rule, function("f").memoryMb(1024).invocations(1_400_000).durationAvgMs(200)
                .build()).orElseThrow();
        // 3 M x 0.2 s x 1 GB = 600,000 GB-s a month x ($0.0000166667 - $0.0000133334)
        assertEquals(new BigDecimal("2.00"), item.monthlySavingUsd());
        assertEquals(Action.REPORT_ONLY, item.action());
    }

    @Test
    void skipsSavingsBelowThePolicysMinimumArm64FunctionsAndGo() {
        assertTrue(Analysis.evaluate(rule, function("f").memoryMb(128).invocations(1_000).build()).isEmpty());
        assertTrue(Analysis.evaluate(rule, function("f").arm64().invocations(1_400_000).build()).isEmpty());
        assertTrue(Analysis.evaluate(rule, function("f").runtime("go1.x").invocations(1_400_000).build()).isEmpty());
    }

}
