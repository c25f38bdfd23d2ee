package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MinimumSavingTest {

    private static Recommendation item(RecommendationKind kind, String current, String proposed, Action action, String savingUsd) {
        return new Recommendation("id-1", "arn:aws:lambda:us-east-1:123456789012:function:f", "f", kind, current, proposed,
                Risk.LOW, action, "a cut saves " + savingUsd + " a month.", new BigDecimal(savingUsd), List.of(), null, List.of());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}, {3}, saving {4} -> {5}")
    @CsvSource({
            // kind, current, proposed, action, monthly saving (the item priced whole), expected action
            "MEMORY,  3008, 1536, APPLY,       0.51,   REPORT_ONLY",
            "MEMORY,  3008, 1536, APPLY,       0.995,  APPLY",        // shown as $1.00: judged on the cents shown
            "MEMORY,  3008, 1536, APPLY,       0.994,  REPORT_ONLY",
            "MEMORY,  1024, 512,  APPLY,       108.30, APPLY",        // through an alias, with its provisioned concurrency
            "MEMORY,  1024, 1280, APPLY,       -0.30,  APPLY",        // an increase is for reliability, not money
            "MEMORY,  3008, 1536, REPORT_ONLY, 0.51,   REPORT_ONLY",
            "TIMEOUT, 300,  10,   APPLY,       0.00,   APPLY",        // other kinds are about safety, not money
            "LOG_RETENTION, 0, 30, APPLY,      0.20,   APPLY",
    })
    void reportsOnlyAMemoryCutSavingLessThanThePolicysMinimum(RecommendationKind kind, String current, String proposed,
                                                              Action action, String savingUsd, Action expected) {
        Recommendation reviewed = MinimumSaving.review(item(kind, current, proposed, action, savingUsd), AnalyzerPolicy.defaults());
        assertEquals(expected, reviewed.action());
        assertEquals(expected != action, reviewed.rationale().equals("a cut saves " + savingUsd + " a month; reported, not "
                + "applied: it saves less than the $1.00/month a memory cut must save (fleetopt.analyzer.min-monthly-saving-usd)."),
                reviewed.rationale());
    }
}
