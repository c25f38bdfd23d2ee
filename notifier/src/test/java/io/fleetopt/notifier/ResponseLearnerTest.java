package io.fleetopt.notifier;

import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.model.LearnedResponse;
import io.fleetopt.core.model.LearnedResponses;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.FunctionUsageHistory;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.pricing.DurationModel;
import io.fleetopt.core.pricing.Pricing;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What VerifyEarlierChanges learns from a memory change: when, over which days, and what it keeps for later. */
class ResponseLearnerTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    private static final LocalDate CHANGED = LocalDate.of(2026, 11, 2);
    private static final LocalDate TODAY = CHANGED.plusDays(7);

    /** A function with {@code cpuShare} of its 100 ms at 3,008 MB CPU work, {@code perDay} invocations a day. */
    private static final class ModelledUsage implements FunctionUsageHistory {
        final List<DateRange> asked = new ArrayList<>();
        final double cpuShare;
        final long perDay;

        ModelledUsage(double cpuShare, long perDay) {
            this.cpuShare = cpuShare;
            this.perDay = perDay;
        }

        @Override
        public List<FunctionUsage> usage(List<String> functionArns, DateRange days) {
            asked.add(days);
            int memoryMb = days.from().isBefore(CHANGED) ? 3008 : 1536;
            double ms = new DurationModel(cpuShare, 3008).durationMs(100, memoryMb);
            return functionArns.stream().map(arn -> new FunctionUsage(arn, days, days.days(), perDay * days.days(), ms, ms * 0.9,
                    ms * 1.9)).toList();
        }
    }

    private static LedgerEntry cut(String run, LocalDate on) {
        return new LedgerEntry(run, "memory-1", ARN, "orders", RecommendationKind.MEMORY, LedgerAction.APPLIED, "3008", "1536",
                "ana", on.atTime(6, 0).toInstant(ZoneOffset.UTC), new BigDecimal("10.00"), "r2");
    }

    private static ResponseLearner learner(FunctionUsageHistory usage, LocalDate today) {
        return new ResponseLearner(usage, Pricing.standard(), run -> Optional.empty(), LearningPolicy.defaults(),
                Clock.fixed(today.atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    @Test
    void learnsTheCpuShareFromTheWeekBeforeAndTheDaysAfterTheChange() {
        ModelledUsage usage = new ModelledUsage(0.4, 10_000);
        ResponseLearner.Learning learning = learner(usage, TODAY).learn("now", List.of(cut("r1", CHANGED)), LearnedResponses.none());

        LearnedResponse learned = learning.learnedNow().getFirst();
        assertEquals(0.4, learned.cpuShare(), 1e-6);
        assertEquals(Confidence.HIGH, learned.confidence());
        assertEquals(List.of(new DateRange(CHANGED.minusDays(7), CHANGED), new DateRange(CHANGED.plusDays(1), TODAY)), usage.asked,
                "the day of the change ran at both memories: left out");
        // 1 M invocations of 100 ms at 3,008 MB: 293,750 GB-s x $0.0000166667 + $0.20 = $5.0958
        assertEquals(new BigDecimal("5.0958"), learned.costPerMillionBeforeUsd());
        assertTrue(learned.costPerMillionAfterUsd().compareTo(learned.costPerMillionBeforeUsd()) < 0, learned.toString());
        assertEquals(Optional.of(learned), learning.responses().of(ARN));
        assertNull(learned.endedOn());
    }

    @Test
    void aChangeOfARunOverMemberAccountsIsNeitherLearnedNorPendingAndNothingIsReadForIt() {
        ModelledUsage usage = new ModelledUsage(0.4, 10_000);
        ResponseLearner learner = new ResponseLearner(usage, Pricing.standard(), run -> Optional.empty(), LearningPolicy.defaults(),
                Clock.fixed(TODAY.atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC), run -> run.equals("member-run"));

        ResponseLearner.Learning learning = learner.learn("now", List.of(cut("member-run", CHANGED)), LearnedResponses.none());

        assertTrue(learning.learnedNow().isEmpty());
        assertTrue(learning.responses().pendingOf(ARN).isEmpty());
        assertTrue(usage.asked.isEmpty(), "this account's metrics of a function of the same name are not read");
        assertEquals(1, learner.learn("now", List.of(cut("own-run", CHANGED)), LearnedResponses.none()).learnedNow().size());
    }

    @Test
    void waitsForTheInvocationsThePolicyAsksFor() {
        ResponseLearner.Learning learning = learner(new ModelledUsage(0.4, 100), TODAY)
                .learn("now", List.of(cut("r1", CHANGED)), LearnedResponses.none());
        assertTrue(learning.learnedNow().isEmpty());
        assertEquals("600 of 1,000 invocations since the change", learning.responses().pendingOf(ARN).orElseThrow().reason());
    }

    @Test
    void waitsForAWholeDayAfterTheChange() {
        ModelledUsage usage = new ModelledUsage(0.4, 10_000);
        ResponseLearner.Learning learning = learner(usage, CHANGED.plusDays(1)).learn("now", List.of(cut("r1", CHANGED)),
                LearnedResponses.none());
        assertEquals("0 h of whole days since the change, 24 needed", learning.responses().pendingOf(ARN).orElseThrow().reason());
        assertTrue(usage.asked.isEmpty(), "nothing read before there is anything to learn");
    }

    @Test
    void measuresARolledBackChangeUpToItsRollback() {
        ModelledUsage usage = new ModelledUsage(0.5, 10_000);
        LedgerEntry change = cut("r1", CHANGED);
        LedgerEntry rollback = new LedgerEntry("r1", "memory-1", ARN, "orders", RecommendationKind.MEMORY, LedgerAction.ROLLED_BACK,
                "1536", "3008", "guard alarm", CHANGED.plusDays(4).atTime(9, 0).toInstant(ZoneOffset.UTC), BigDecimal.ZERO, "r3");
        LearnedResponse learned = learner(usage, TODAY).learn("now", List.of(change, rollback), LearnedResponses.none())
                .learnedNow().getFirst();
        assertEquals(new DateRange(CHANGED.plusDays(1), CHANGED.plusDays(4)), usage.asked.get(1));
        assertEquals(CHANGED.plusDays(4), learned.endedOn());
        assertEquals(0.5, learned.cpuShare(), 1e-6);
    }

    @Test
    void aChangeRolledBackBeforeItRanEnoughIsNeitherLearnedNorPending() {
        ModelledUsage usage = new ModelledUsage(0.5, 10_000);
        LedgerEntry change = cut("r1", CHANGED);
        LedgerEntry sameDay = new LedgerEntry("r1", "memory-1", ARN, "orders", RecommendationKind.MEMORY, LedgerAction.ROLLED_BACK,
                "1536", "3008", "ana", CHANGED.atTime(9, 0).toInstant(ZoneOffset.UTC), BigDecimal.ZERO, "r3");
        ResponseLearner.Learning learning = learner(usage, TODAY).learn("now", List.of(change, sameDay), LearnedResponses.none());
        assertTrue(learning.learnedNow().isEmpty());
        assertEquals(Optional.empty(), learning.responses().pendingOf(ARN), "the function runs at its old memory again");
        assertTrue(usage.asked.isEmpty(), usage.asked.toString());
        assertEquals(Optional.empty(), learner(usage, CHANGED).learn("now", List.of(change, sameDay), LearnedResponses.none())
                .responses().pendingOf(ARN), "rolled back today, the day of the change");

        ResponseLearner.Learning quiet = learner(new ModelledUsage(0.5, 100), TODAY).learn("now", List.of(change,
                new LedgerEntry("r1", "memory-1", ARN, "orders", RecommendationKind.MEMORY, LedgerAction.ROLLED_BACK, "1536", "3008",
                        "ana", CHANGED.plusDays(3).atTime(9, 0).toInstant(ZoneOffset.UTC), BigDecimal.ZERO, "r3")),
                LearnedResponses.none());
        assertTrue(quiet.learnedNow().isEmpty());
        assertEquals(Optional.empty(), quiet.responses().pendingOf(ARN), "200 invocations in its 2 days: it cannot reach 1,000");
    }

    @Test
    void learnsEachChangeOnceAndNotThisRunsOwn() {
        ModelledUsage usage = new ModelledUsage(0.4, 10_000);
        LearnedResponses known = learner(usage, TODAY).learn("now", List.of(cut("r1", CHANGED)), LearnedResponses.none()).responses();
        usage.asked.clear();
        ResponseLearner.Learning again = learner(usage, TODAY).learn("now", List.of(cut("r1", CHANGED), cut("now", TODAY)), known);
        assertTrue(again.learnedNow().isEmpty());
        assertTrue(usage.asked.isEmpty(), usage.asked.toString());
        assertEquals(known.responses(), again.responses().responses());
    }
}
