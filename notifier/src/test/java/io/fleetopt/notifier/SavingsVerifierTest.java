package io.fleetopt.notifier;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.DailyCost;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SavingsVerifierTest {

    private static final LocalDate CHANGED_ON = LocalDate.of(2026, 11, 2);

    /** A cost history: a daily cost and request count before the change day, others from it on. */
    private static CostHistory history(String costBefore, long requestsBefore, String costAfter, long requestsAfter) {
        return (from, to) -> {
            List<DailyCost> days = new ArrayList<>();
            for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
                boolean after = !d.isBefore(CHANGED_ON);
                days.add(new DailyCost(d, new BigDecimal(after ? costAfter : costBefore), after ? requestsAfter : requestsBefore));
            }
            return days;
        };
    }

    private static LedgerEntry applied(String run, String item, LocalDate on, String estimated) {
        return new LedgerEntry(run, item, "arn:f", "f", RecommendationKind.MEMORY, LedgerAction.APPLIED, "3008", "512", "ana",
                on.atTime(6, 0).toInstant(ZoneOffset.UTC), new BigDecimal(estimated), "r2");
    }

    private static Clock on(LocalDate day) {
        return Clock.fixed(day.atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @Test
    void comparesCostPerMillionRequestsAtTheTrafficAfterTheChange() {
        // before: $100 for 1 M requests a day; after: $60 for 1.1 M a day -> $100 vs $54.55 per million
        SavingsVerifier verifier = new SavingsVerifier(history("100", 1_000_000, "60", 1_100_000), on(CHANGED_ON.plusWeeks(1)));
        SavingsReport report = verifier.verify("now", List.of(applied("r1", "a", CHANGED_ON, "1200"), applied("r1", "b", CHANGED_ON, "50")));
        ChangeSetSavings set = report.changeSets().get(0);
        assertEquals(2, set.changes());
        assertEquals(new BigDecimal("1250.00"), set.estimatedMonthlyUsd());
        assertEquals(new BigDecimal("100.00"), set.costPerMillionBeforeUsd());
        assertEquals(new BigDecimal("54.55"), set.costPerMillionAfterUsd());
        // (100 - 54.5454..) per million x 33 M requests a month = $1,500.00
        assertEquals(new BigDecimal("1500.00"), set.realizedMonthlyUsd());
        assertEquals(Confidence.HIGH, set.confidence());
        assertEquals(set.realizedMonthlyUsd(), report.realizedMonthlyUsd().setScale(2));
    }

    @Test
    void waitsUntilTheChangesAreAFullWeekOld() {
        SavingsVerifier verifier = new SavingsVerifier(history("100", 1_000_000, "60", 1_000_000), on(CHANGED_ON.plusDays(6)));
        assertTrue(verifier.verify("now", List.of(applied("r1", "a", CHANGED_ON, "10"))).changeSets().isEmpty());
    }

    @Test
    void leavesOutChangesThatWereRolledBack() {
        LedgerEntry rolledBack = new LedgerEntry("r1", "a", "arn:f", "f", RecommendationKind.MEMORY, LedgerAction.ROLLED_BACK,
                "512", "3008", "bob", CHANGED_ON.atTime(9, 0).toInstant(ZoneOffset.UTC), new BigDecimal("-10"), "r3");
        SavingsVerifier verifier = new SavingsVerifier(history("100", 1_000_000, "60", 1_000_000), on(CHANGED_ON.plusWeeks(1)));
        assertTrue(verifier.verify("now", List.of(applied("r1", "a", CHANGED_ON, "10"), rolledBack)).changeSets().isEmpty());
    }

    @Test
    void trustsAComparisonLessWhenTrafficChangedALot() {
        SavingsVerifier verifier = new SavingsVerifier(history("100", 1_000_000, "100", 2_000_000), on(CHANGED_ON.plusWeeks(1)));
        assertEquals(Confidence.LOW, verifier.verify("now", List.of(applied("r1", "a", CHANGED_ON, "10"))).changeSets().get(0).confidence());
    }

    @Test
    void saysSoWhenThereIsNoTrafficToCompare() {
        SavingsVerifier verifier = new SavingsVerifier(history("0", 0, "0", 0), on(CHANGED_ON.plusWeeks(1)));
        ChangeSetSavings set = verifier.verify("now", List.of(applied("r1", "a", CHANGED_ON, "10"))).changeSets().get(0);
        assertEquals(Confidence.LOW, set.confidence());
        assertTrue(set.explanation().startsWith("no Lambda requests in the cost history"), set.explanation());
    }
}
