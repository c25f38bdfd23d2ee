package io.fleetopt.notifier;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FunctionSavings;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.model.SavingsStatus;
import io.fleetopt.core.model.WeekSavings;
import io.fleetopt.core.port.AliasRoute;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.RoutedVersion;
import io.fleetopt.core.port.DailyCost;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.FunctionSettingsReader;
import io.fleetopt.core.port.FunctionUsageHistory;
import io.fleetopt.core.port.LambdaCosts;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.pricing.Pricing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The realized saving of a change set: usage-normalized per function, cross-checked with the cost history. */
class SavingsVerifierTest {

    private static final LocalDate CHANGED_ON = LocalDate.of(2026, 11, 2);
    private static final LocalDate TODAY = CHANGED_ON.plusWeeks(1);
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    private static final Pricing PRICING = Pricing.standard();

    /** A week of one function's traffic: invocations, average duration and the memory it ran at. */
    record Week(long invocations, double durationMs, int memoryMb, int daysWithData) {
        static Week of(long invocations, double durationMs, int memoryMb) {
            return new Week(invocations, durationMs, memoryMb, 7);
        }

        FunctionUsage usage(DateRange days) {
            return invocations == 0 ? FunctionUsage.none(ARN, days)
                    : new FunctionUsage(ARN, days, daysWithData, invocations, durationMs, durationMs * 0.9, durationMs * 2);
        }

        BigDecimal costUsd() {
            return PRICING.computeUsd(invocations, durationMs, memoryMb, "x86_64").add(PRICING.requestsUsd(invocations));
        }
    }

    /** The account's cost history as Cost Explorer would show it for these weeks, its cost scaled by {@code factorAfter} this week. */
    private static CostHistory costExplorer(Week before, Week after, String factorAfter) {
        return CostHistories.accountWide((from, to) -> {
            List<DailyCost> days = new ArrayList<>();
            for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
                boolean isAfter = !d.isBefore(CHANGED_ON);
                Week week = isAfter ? after : before;
                BigDecimal cost = week.costUsd().divide(BigDecimal.valueOf(7), MathContext.DECIMAL64);
                days.add(new DailyCost(d, isAfter ? cost.multiply(new BigDecimal(factorAfter)) : cost, week.invocations() / 7));
            }
            return new LambdaCosts(days, 1, "Cost Explorer", "test history", null);
        });
    }

    private static FunctionUsageHistory usage(Week before, Week after) {
        return (arns, days) -> arns.stream().map(arn -> days.toExclusive().isAfter(CHANGED_ON) ? after.usage(days) : before.usage(days)).toList();
    }

    private static FunctionSettingsReader liveMemory(int memoryMb) {
        return arn -> new FunctionSettings(arn, "r9", memoryMb, 30, null, "PassThrough", 30, Map.of());
    }

    private static LedgerEntry memoryChange(String run, LocalDate on, int fromMb, int toMb, String estimated) {
        return new LedgerEntry(run, "memory-1", ARN, "orders", RecommendationKind.MEMORY, LedgerAction.APPLIED,
                Integer.toString(fromMb), Integer.toString(toMb), "ana", on.atTime(6, 0).toInstant(ZoneOffset.UTC),
                new BigDecimal(estimated), "r2");
    }

    private static LedgerEntry rollback(LedgerEntry change, LocalDate on) {
        return new LedgerEntry(change.runId(), change.itemId(), ARN, "orders", change.kind(), LedgerAction.ROLLED_BACK,
                change.after(), change.before(), "guard alarm", on.atTime(9, 0).toInstant(ZoneOffset.UTC),
                change.estimatedMonthlySavingUsd().negate(), "r3");
    }

    private static Clock on(LocalDate day) {
        return Clock.fixed(day.atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static SavingsVerifier verifier(CostHistory costs, FunctionUsageHistory usage, FunctionSettingsReader live) {
        return verifier(costs, usage, live, Routing.NO_ALIAS);
    }

    private static SavingsVerifier verifier(CostHistory costs, FunctionUsageHistory usage, FunctionSettingsReader live, Routing routing) {
        return new SavingsVerifier(costs, usage, live, arn -> routing.aliases(), PRICING, run -> Optional.empty(), on(TODAY));
    }

    /** Where the function's invocations go: $LATEST, or an alias on a version published before or after the change. */
    enum Routing {
        NO_ALIAS,
        ALIAS_PINNED_BEFORE_THE_CHANGE,
        ALIAS_MOVED_TO_A_VERSION_AFTER_THE_CHANGE,
        ONE_OF_TWO_ALIASES_PINNED_BEFORE_THE_CHANGE;

        List<AliasRoute> aliases() {
            return switch (this) {
                case NO_ALIAS -> List.of();
                case ALIAS_PINNED_BEFORE_THE_CHANGE -> List.of(new AliasRoute("live", List.of(new RoutedVersion("3", 1,
                        CHANGED_ON.minusDays(10).atStartOfDay().toInstant(ZoneOffset.UTC), 1024, 30, "PassThrough"))));
                case ALIAS_MOVED_TO_A_VERSION_AFTER_THE_CHANGE -> List.of(new AliasRoute("live", List.of(new RoutedVersion("4", 1,
                        CHANGED_ON.atTime(7, 0).toInstant(ZoneOffset.UTC), 512, 30, "PassThrough"))));
                case ONE_OF_TWO_ALIASES_PINNED_BEFORE_THE_CHANGE -> List.of(ALIAS_MOVED_TO_A_VERSION_AFTER_THE_CHANGE.aliases().getFirst(),
                        new AliasRoute("batch", ALIAS_PINNED_BEFORE_THE_CHANGE.aliases().getFirst().versions()));
            };
        }
    }

    /**
     * One case: the week before and this week, what happened to the change, and what the report must say.
     * Prices: x86 $0.0000166667 per GB-second, $0.20 per million requests; a month is 30 days.
     */
    record Case(String name, Week before, Week after, String costExplorerFactor, boolean rolledBackMidWeek, Integer liveMemoryMb,
                Routing routing, SavingsStatus status, String realizedUsd, Confidence confidence, String noteContains) {
        Case(String name, Week before, Week after, String costExplorerFactor, boolean rolledBackMidWeek, Integer liveMemoryMb,
             SavingsStatus status, String realizedUsd, Confidence confidence, String noteContains) {
            this(name, before, after, costExplorerFactor, rolledBackMidWeek, liveMemoryMb, Routing.NO_ALIAS, status, realizedUsd,
                    confidence, noteContains);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // 700k x 1 s x 1 GB -> 0.5 GB: 350,000 GB-s a week saved = $5.8333/week = $25.00/month
                new Case("steady traffic, memory halved", Week.of(700_000, 1000, 1024), Week.of(700_000, 1000, 512), "1",
                        false, 512, SavingsStatus.MEASURED, "25.00", Confidence.HIGH, "Cost Explorer agrees within 25 %"),
                // this week's 1.05 M invocations priced both ways: 525,000 GB-s a week saved = $37.50/month, not $25
                new Case("traffic up 50 %", Week.of(700_000, 1000, 1024), Week.of(1_050_000, 1000, 512), "1",
                        false, 512, SavingsStatus.MEASURED, "37.50", Confidence.LOW, "traffic changed by +50 %"),
                new Case("traffic up 30 %", Week.of(700_000, 1000, 1024), Week.of(910_000, 1000, 512), "1",
                        false, 512, SavingsStatus.MEASURED, "32.50", Confidence.MEDIUM, "traffic changed by +30 %"),
                // a memory cut that slows the function down: 1 s at 1 GB -> 1.6 s at 512 MB saves a fifth of the compute
                new Case("slower after the cut", Week.of(700_000, 1000, 1024), Week.of(700_000, 1600, 512), "1",
                        false, 512, SavingsStatus.MEASURED, "10.00", Confidence.HIGH, "Cost Explorer agrees"),
                new Case("a change rolled back mid-week", Week.of(700_000, 1000, 1024), Week.of(700_000, 1000, 1024), "1",
                        true, 1024, SavingsStatus.ROLLED_BACK, "0.00", Confidence.LOW, "none of its changes could be measured"),
                new Case("drifted away: memory set back by a deploy", Week.of(700_000, 1000, 1024), Week.of(700_000, 1000, 1024), "1",
                        false, 1024, SavingsStatus.DRIFTED, "0.00", Confidence.LOW, "none of its changes could be measured"),
                new Case("short window: 4 of 7 days of data", Week.of(700_000, 1000, 1024), new Week(400_000, 1000, 512, 4), "1",
                        false, 512, SavingsStatus.MEASURED, "14.29", Confidence.LOW, "only 4 of 7 days of data"),
                new Case("Cost Explorer and the measurement disagree", Week.of(700_000, 1000, 1024), Week.of(700_000, 1000, 512), "1.6",
                        false, 512, SavingsStatus.MEASURED, "25.00", Confidence.MEDIUM, "they differ by more than 25 %"),
                new Case("no traffic this week", Week.of(700_000, 1000, 1024), Week.of(0, 0, 512), "1",
                        false, 512, SavingsStatus.NO_TRAFFIC, "0.00", Confidence.LOW, "none of its changes could be measured"),
                // $LATEST has the 512 MB, but the alias the traffic goes through still runs version 3 at 1,024 MB
                new Case("an alias-pinned function", Week.of(700_000, 1000, 1024), Week.of(700_000, 1000, 1024), "1",
                        false, 512, Routing.ALIAS_PINNED_BEFORE_THE_CHANGE, SavingsStatus.NOT_IN_TRAFFIC, "0.00", Confidence.LOW,
                        "none of its changes could be measured"),
                new Case("an alias moved to a version published with the change", Week.of(700_000, 1000, 1024), Week.of(700_000, 1000, 512), "1",
                        false, 512, Routing.ALIAS_MOVED_TO_A_VERSION_AFTER_THE_CHANGE, SavingsStatus.MEASURED, "25.00", Confidence.HIGH,
                        "Cost Explorer agrees within 25 %"),
                new Case("one of two aliases still on a version from before the change", Week.of(700_000, 1000, 1024),
                        Week.of(700_000, 1000, 512), "1", false, 512, Routing.ONE_OF_TWO_ALIASES_PINNED_BEFORE_THE_CHANGE,
                        SavingsStatus.MEASURED, "25.00", Confidence.MEDIUM, "part of the traffic of orders goes through an alias"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void measuresEachChangeAtThisWeeksTrafficAndJudgesItsConfidence(Case c) {
        LedgerEntry change = memoryChange("r1", CHANGED_ON, c.before().memoryMb(), 512, "30");
        List<LedgerEntry> ledger = c.rolledBackMidWeek() ? List.of(change, rollback(change, CHANGED_ON.plusDays(3))) : List.of(change);

        SavingsReport report = verifier(costExplorer(c.before(), c.after(), c.costExplorerFactor()), usage(c.before(), c.after()),
                liveMemory(c.liveMemoryMb()), c.routing()).verify("now", ledger, List.of());

        ChangeSetSavings set = report.changeSets().getFirst();
        FunctionSavings function = set.functions().getFirst();
        assertEquals(c.status(), function.status(), function.note());
        assertEquals(new BigDecimal(c.realizedUsd()), function.realizedMonthlyUsd());
        assertEquals(new BigDecimal(c.realizedUsd()), set.realizedMonthlyUsd());
        assertEquals(new BigDecimal("30.00"), set.estimatedMonthlyUsd(), "the estimate stays as applied");
        assertEquals(c.confidence(), set.confidence(), set.confidenceNotes().toString());
        assertTrue(set.confidenceNotes().stream().anyMatch(n -> n.contains(c.noteContains())), set.confidenceNotes().toString());
        assertEquals(new DateRange(CHANGED_ON.minusDays(7), CHANGED_ON), set.before());
        assertEquals(new DateRange(TODAY.minusDays(7), TODAY), set.after());
    }

    @Test
    void pricesBothSidesAtThisWeeksTrafficSoTheCostColumnsDifferByTheSaving() {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(1_050_000, 1000, 512);
        FunctionSavings f = verifier(costExplorer(before, after, "1"), usage(before, after), liveMemory(512))
                .verify("now", List.of(memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of()).changeSets().getFirst().functions().getFirst();
        // 1.05 M invocations x 1 s x 1 GB = $17.50 + $0.21 requests a week -> $75.90/month; at 512 MB $8.96 -> $38.40/month
        assertEquals(new BigDecimal("75.90"), f.costBeforeMonthlyUsd());
        assertEquals(new BigDecimal("38.40"), f.costAfterMonthlyUsd());
        assertEquals(f.costBeforeMonthlyUsd().subtract(f.costAfterMonthlyUsd()), f.realizedMonthlyUsd());
    }

    @Test
    void saysWhatADriftedChangeIsNowAndCountsItZero() {
        Week week = Week.of(700_000, 1000, 1024);
        FunctionSavings f = verifier(costExplorer(week, week, "1"), usage(week, week), liveMemory(1536))
                .verify("now", List.of(memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of()).changeSets().getFirst().functions().getFirst();
        assertEquals(SavingsStatus.DRIFTED, f.status());
        assertEquals("memory is now 1536 MB, not the 512 MB fleetopt set", f.note());
    }

    @Test
    void aGuardAlarmsRollbackCountsZeroAndOneWithOnlyItsIntentWrittenLeavesItToTheLiveValue() {
        Week week = Week.of(700_000, 1000, 1024);
        LedgerEntry change = memoryChange("r1", CHANGED_ON, 1024, 512, "30");
        LedgerEntry rolledBack = rollback(change, CHANGED_ON.plusDays(3));
        FunctionSavings done = verifier(costExplorer(week, week, "1"), usage(week, week), liveMemory(1024))
                .verify("now", List.of(change, rolledBack), List.of()).changeSets().getFirst().functions().getFirst();
        assertEquals(SavingsStatus.ROLLED_BACK, done.status());
        assertEquals("rolled back on 2026-11-05 by guard alarm", done.note());

        LedgerEntry intentOnly = new LedgerEntry(rolledBack.runId(), rolledBack.itemId(), ARN, "orders", rolledBack.kind(),
                LedgerAction.ROLLBACK_INTENT, rolledBack.before(), rolledBack.after(), rolledBack.actor(), rolledBack.at(),
                rolledBack.estimatedMonthlySavingUsd(), "r3");
        FunctionSavings inProgress = verifier(costExplorer(week, week, "1"), usage(week, week), liveMemory(1024))
                .verify("now", List.of(change, intentOnly), List.of()).changeSets().getFirst().functions().getFirst();
        assertEquals(SavingsStatus.DRIFTED, inProgress.status(), "not recorded as rolled back, but the live memory is no longer fleetopt's");
        assertEquals(new BigDecimal("0.00"), inProgress.realizedMonthlyUsd());
    }

    @Test
    void saysWhichAliasKeepsAChangeOutOfTrafficAndCountsItZero() {
        Week week = Week.of(700_000, 1000, 1024);
        FunctionSavings f = verifier(costExplorer(week, week, "1"), usage(week, week), liveMemory(512), Routing.ALIAS_PINNED_BEFORE_THE_CHANGE)
                .verify("now", List.of(memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of()).changeSets().getFirst().functions().getFirst();
        assertEquals(SavingsStatus.NOT_IN_TRAFFIC, f.status());
        assertEquals("its aliases route only to versions published before the change: alias live to version 3, published 2026-10-23 "
                + "with 1024 MB; the 512 MB fleetopt set on 2026-11-02 runs in none of them", f.note());
        assertEquals(new BigDecimal("0.00"), f.realizedMonthlyUsd());
    }

    @Test
    void aLiveReadThatFailsIsSaidAndTheChangeIsStillMeasured() {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(700_000, 1000, 512);
        FunctionSettingsReader throttled = arn -> {
            throw new ChangeFailedException("TooManyRequestsException", "Rate exceeded", true, null);
        };
        FunctionSavings f = verifier(costExplorer(before, after, "1"), usage(before, after), throttled)
                .verify("now", List.of(memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of()).changeSets().getFirst().functions().getFirst();
        assertEquals(SavingsStatus.MEASURED, f.status());
        assertTrue(f.note().endsWith("; drift not checked: its live settings could not be read (TooManyRequestsException: Rate exceeded)"),
                f.note());
    }

    @Test
    void lowersTheConfidenceWhenAnotherRunChangedTheSameFunctionInTheWeeksCompared() {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(700_000, 1000, 512);
        LedgerEntry first = memoryChange("r0", CHANGED_ON.minusDays(7), 2048, 1024, "60");
        LedgerEntry second = memoryChange("r1", CHANGED_ON, 1024, 512, "30");
        SavingsVerifier verifier = new SavingsVerifier(costExplorer(before, after, "1"), usage(before, after), liveMemory(512), arn -> List.of(), PRICING,
                run -> Optional.empty(), on(TODAY));

        ChangeSetSavings set = verifier.verify("now", List.of(first, second), List.of()).changeSets().stream()
                .filter(c -> c.runId().equals("r1")).findFirst().orElseThrow();

        assertEquals(Confidence.MEDIUM, set.confidence(), set.confidenceNotes().toString());
        assertTrue(set.confidenceNotes().contains("run r0 also changed the memory of these functions in the weeks compared, so part "
                + "of the difference may be its"), set.confidenceNotes().toString());
        assertNull(set.costExplorerMonthlyUsd(), "the account-wide cost mixes both runs' changes");
    }

    @Test
    void readsTheCostHistoryOnceForAllChangeSetsAndSaysHowManyCallsItTook() {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(700_000, 1000, 512);
        List<DateRange> asked = new ArrayList<>();
        CostHistory counting = CostHistories.accountWide((from, to) -> {
            asked.add(new DateRange(from, to));
            return costExplorer(before, after, "1").dailyLambdaCost(from, to);
        });
        LedgerEntry other = new LedgerEntry("r0", "timeout-1", ARN, "orders", RecommendationKind.TIMEOUT, LedgerAction.APPLIED,
                "300", "30", "ana", CHANGED_ON.minusDays(14).atTime(6, 0).toInstant(ZoneOffset.UTC), BigDecimal.ZERO, "r1");

        SavingsReport report = new SavingsVerifier(counting, usage(before, after), null, null, PRICING, run -> Optional.empty(), on(TODAY))
                .verify("now", List.of(other, memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of());

        assertEquals(2, report.changeSets().size());
        assertEquals(List.of(new DateRange(CHANGED_ON.minusDays(21), TODAY)), asked);
        assertEquals(2, report.costExplorer().calls(), "one account-wide query, one resource-level query");
        assertEquals(new BigDecimal("0.02"), report.costExplorer().costUsd());
        assertTrue(report.costExplorer().level().endsWith("; no per-function cross-check: Cost Explorer gives no resource-level Lambda "
                + "data for 2026-11-02 to 2026-11-08 (DataUnavailableException)"), report.costExplorer().level());
        assertEquals(SavingsStatus.NOT_MEASURED, report.changeSets().getFirst().functions().getFirst().status());
    }

    private static final String MEMBER = "210987654321";
    private static final String UNREACHABLE = "310987654321";

    private static LedgerEntry memberMemoryChange(String account, String name) {
        return new LedgerEntry("org-run", "memory-" + name, "arn:aws:lambda:eu-west-1:" + account + ":function:" + name, name,
                RecommendationKind.MEMORY, LedgerAction.APPLIED, "1024", "512", "ana", CHANGED_ON.atTime(6, 0).toInstant(ZoneOffset.UTC),
                new BigDecimal("30"), "r2");
    }

    /** Member accounts' readers: each read recorded with where it was made; {@code UNREACHABLE}'s role cannot be assumed. */
    private static MemberAccountReaders memberReaders(Week before, Week after, List<String> read) {
        return (account, region) -> {
            read.add("open " + account + "/" + region);
            if (account.equals(UNREACHABLE)) {
                throw new MemberAccountUnreadableException("cannot assume arn:aws:iam::" + account + ":role/fleetopt-member in account "
                        + account + " (AccessDenied)", null);
            }
            return new MemberAccountReaders.Readers((arns, days) -> {
                arns.forEach(arn -> read.add("usage in " + account + " " + arn));
                List<FunctionUsage> usages = usage(before, after).usage(arns, days);
                return java.util.stream.IntStream.range(0, arns.size()).mapToObj(k -> new FunctionUsage(arns.get(k), days,
                        usages.get(k).daysWithData(), usages.get(k).invocations(), usages.get(k).durationAvgMs(),
                        usages.get(k).durationP50Ms(), usages.get(k).durationP99Ms())).toList();
            }, arn -> {
                read.add("live in " + account + " " + arn);
                return liveMemory(512).read(arn);
            }, arn -> {
                read.add("aliases in " + account + " " + arn);
                return List.of();
            });
        };
    }

    private static SavingsVerifier memberVerifier(Week before, Week after, List<String> read, MemberAccountReaders readers) {
        FunctionUsageHistory usage = (arns, days) -> {
            arns.forEach(arn -> read.add("usage here " + arn));
            return usage(before, after).usage(arns, days);
        };
        CostHistory costs = CostHistories.withLinkedAccounts(costExplorer(before, after, "1"), (accounts, from, to) -> {
            read.add("cost of " + accounts);
            LambdaCosts history = costExplorer(before, after, "1").dailyLambdaCost(from, to);
            return new LambdaCosts(history.days(), 1, "Cost Explorer", "linked accounts " + accounts, null);
        });
        return new SavingsVerifier(costs, usage, arn -> {
            read.add("live here " + arn);
            return liveMemory(512).read(arn);
        }, arn -> List.of(), PRICING, run -> Optional.empty(), new SavingsVerifier.MemberRuns(run -> {
            read.add("index of " + run);
            return run.equals("org-run");
        }, (run, account, region) -> Optional.empty(), readers), on(TODAY));
    }

    @Test
    void measuresAMemberAccountsChangeByTheSameRuleFromWhatItsMemberRoleReadsThere() {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(700_000, 1000, 512);
        List<String> read = new ArrayList<>();
        LedgerEntry member = memberMemoryChange(MEMBER, "orders");

        SavingsReport report = memberVerifier(before, after, read, memberReaders(before, after, read))
                .verify("now", List.of(member, memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of());

        ChangeSetSavings set = report.changeSets().stream().filter(c -> c.runId().equals("org-run")).findFirst().orElseThrow();
        FunctionSavings f = set.functions().getFirst();
        assertEquals(SavingsStatus.MEASURED, f.status(), f.note());
        ChangeSetSavings own = report.changeSets().stream().filter(c -> c.runId().equals("r1")).findFirst().orElseThrow();
        assertEquals(own.functions().getFirst().realizedMonthlyUsd(), f.realizedMonthlyUsd(), "the same usage, the same rule, the same figure");
        assertEquals(new BigDecimal("25.00"), f.realizedMonthlyUsd());
        assertEquals(Confidence.HIGH, set.confidence(), set.confidenceNotes().toString());
        assertTrue(set.explanation().contains("in member account " + MEMBER + " (read through their member role)"), set.explanation());
        assertEquals(List.of("open " + MEMBER + "/eu-west-1"), read.stream().filter(r -> r.startsWith("open ")).toList(),
                "the account's role is assumed once per (account, region)");
        assertTrue(read.contains("usage in " + MEMBER + " " + member.functionArn()), read.toString());
        assertTrue(read.contains("live in " + MEMBER + " " + member.functionArn()), "drift is checked there: " + read);
        assertTrue(read.contains("aliases in " + MEMBER + " " + member.functionArn()), "aliases are read there: " + read);
        assertFalse(read.stream().anyMatch(r -> r.contains("here") && r.contains(MEMBER)), "nothing of the member account read here: " + read);
        assertEquals(List.of("cost of [" + MEMBER + "]"), read.stream().filter(r -> r.startsWith("cost of")).toList());
        assertEquals(new BigDecimal("25.00"), set.costExplorerMonthlyUsd(), "cross-checked with its linked account's cost");
        assertTrue(report.costExplorer().level().contains("; member accounts " + MEMBER + ": linked accounts [" + MEMBER + "]"),
                report.costExplorer().level());
        assertEquals(3, report.costExplorer().calls(), "the account-wide query, the resource-level query, the linked-account query: one call each here");
        WeekSavings memberWeek = report.weeks().stream().filter(w -> w.runId().equals("org-run")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("25.00"), memberWeek.realizedMonthlyUsd());
    }

    @Test
    void aMemberAccountWhoseRoleCannotBeAssumedIsNotMeasuredSayingWhyAndTheOthersStillAre() {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(700_000, 1000, 512);
        List<String> read = new ArrayList<>();
        LedgerEntry reachable = memberMemoryChange(MEMBER, "orders");
        LedgerEntry unreachable = memberMemoryChange(UNREACHABLE, "billing");

        SavingsReport report = memberVerifier(before, after, read, memberReaders(before, after, read))
                .verify("now", List.of(reachable, unreachable, memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of());

        ChangeSetSavings set = report.changeSets().stream().filter(c -> c.runId().equals("org-run")).findFirst().orElseThrow();
        FunctionSavings notMeasured = set.functions().stream().filter(f -> f.functionName().equals("billing")).findFirst().orElseThrow();
        assertEquals(SavingsStatus.NOT_MEASURED, notMeasured.status());
        assertEquals(SavingsVerifier.MEMBER_ACCOUNT_NOT_READ + ": cannot assume arn:aws:iam::" + UNREACHABLE + ":role/fleetopt-member in account "
                + UNREACHABLE + " (AccessDenied); its estimate of $30.00/month is not confirmed here", notMeasured.note());
        assertEquals(new BigDecimal("0.00"), notMeasured.realizedMonthlyUsd());
        assertEquals(SavingsStatus.MEASURED, set.functions().stream().filter(f -> f.functionName().equals("orders")).findFirst().orElseThrow()
                .status());
        assertEquals(new BigDecimal("25.00"), set.realizedMonthlyUsd(), "the other member account's change is measured");
        assertEquals(SavingsStatus.MEASURED, report.changeSets().stream().filter(c -> c.runId().equals("r1")).findFirst().orElseThrow()
                .functions().getFirst().status());
        assertEquals(List.of("cost of [" + MEMBER + "]"), read.stream().filter(r -> r.startsWith("cost of")).toList(),
                "the cross-check covers the accounts that were read");
        assertFalse(read.stream().anyMatch(r -> r.contains(UNREACHABLE) && !r.startsWith("open")), "nothing else tried there: " + read);
    }

    @Test
    void outsideThePayerAccountAMemberChangeIsMeasuredButNotCrossCheckedAndItsConfidenceDropsALevel() {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(700_000, 1000, 512);
        List<String> read = new ArrayList<>();
        String notSeen = "Cost Explorer of the account fleetopt runs in shows no Lambda cost of account " + MEMBER + " from 2026-10-26 to "
                + "2026-11-08: an organization's member accounts' costs are seen only from its management (payer) account";
        CostHistory costs = CostHistories.withLinkedAccounts(costExplorer(before, after, "1"),
                (accounts, from, to) -> LambdaCosts.unavailable(1, "Cost Explorer", "linked accounts", notSeen));
        SavingsVerifier verifier = new SavingsVerifier(costs, usage(before, after), liveMemory(512), arn -> List.of(), PRICING,
                run -> Optional.empty(), new SavingsVerifier.MemberRuns(run -> run.equals("org-run"), (run, account, region) -> Optional.empty(),
                memberReaders(before, after, read)), on(TODAY));

        ChangeSetSavings set = verifier.verify("now", List.of(memberMemoryChange(MEMBER, "orders")), List.of()).changeSets().getFirst();

        assertEquals(new BigDecimal("25.00"), set.realizedMonthlyUsd(), "measured from its own metrics all the same");
        assertNull(set.costExplorerMonthlyUsd(), "no cost figure made up from what Cost Explorer does not show");
        assertEquals(Confidence.MEDIUM, set.confidence());
        assertTrue(set.confidenceNotes().stream().anyMatch(n -> n.contains(notSeen)), set.confidenceNotes().toString());
    }

    @Test
    void withoutMemberRoleSettingsAMemberChangeIsNotMeasuredNamingTheSettingAndItsWeekHasNoFigure() {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(700_000, 1000, 512);
        List<String> read = new ArrayList<>();

        SavingsReport report = memberVerifier(before, after, read, null)
                .verify("now", List.of(memberMemoryChange(MEMBER, "orders"), memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of());

        FunctionSavings f = report.changeSets().stream().filter(c -> c.runId().equals("org-run")).findFirst().orElseThrow().functions().getFirst();
        assertEquals(SavingsStatus.NOT_MEASURED, f.status());
        assertEquals(SavingsVerifier.MEMBER_ACCOUNT_NOT_READ + ": account " + MEMBER + " is read only through its member role, and this check "
                + "has none configured (fleetopt.organization.external-id is not set); its estimate of $30.00/month is not confirmed here", f.note());
        assertFalse(read.stream().anyMatch(r -> r.contains(MEMBER)), "nothing of the member account read here: " + read);
        assertEquals(List.of("index of org-run", "index of r1"), read.stream().filter(r -> r.startsWith("index of ")).sorted().toList(),
                "each run's index is looked up once");
        WeekSavings memberWeek = report.weeks().stream().filter(w -> w.runId().equals("org-run")).findFirst().orElseThrow();
        assertNull(memberWeek.realizedMonthlyUsd(), "its week is not measured, not $0: " + memberWeek);
    }

    @Test
    void waitsUntilTheChangesAreAFullWeekOld() {
        Week week = Week.of(700_000, 1000, 1024);
        SavingsReport report = new SavingsVerifier(costExplorer(week, week, "1"), usage(week, week), null, null, PRICING, run -> Optional.empty(),
                on(CHANGED_ON.plusDays(6))).verify("now", List.of(memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of());
        assertTrue(report.changeSets().isEmpty());
        assertEquals(0, report.costExplorer().calls(), "nothing to check, nothing paid");
        assertEquals(List.of(new WeekSavings("r1", CHANGED_ON, 1, new BigDecimal("30.00"), null, null)), report.weeks());
    }

    @Test
    void keepsTheHistoryOfEarlierWeeksAndAddsWhatItMeasuredNow() {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(700_000, 1000, 512);
        LedgerEntry old = memoryChange("r-old", CHANGED_ON.minusWeeks(8), 2048, 1024, "80");
        WeekSavings oldWeek = new WeekSavings("r-old", CHANGED_ON.minusWeeks(8), 1, new BigDecimal("80.00"), new BigDecimal("71.00"),
                Confidence.HIGH);

        SavingsReport report = verifier(costExplorer(before, after, "1"), usage(before, after), liveMemory(512))
                .verify("now", List.of(old, memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of(oldWeek));

        assertEquals(List.of(oldWeek, new WeekSavings("r1", CHANGED_ON, 1, new BigDecimal("30.00"), new BigDecimal("25.00"), Confidence.HIGH)),
                report.weeks());
        assertEquals(List.of("r1"), report.changeSets().stream().map(ChangeSetSavings::runId).toList(), "older runs are not measured again");
    }

    @ParameterizedTest(name = "resource-level cost this week ${0} -> {1}")
    // the margin: 25 % of the measured $5.97 this week ($1.49), and at least $1
    @org.junit.jupiter.params.provider.CsvSource({"5.97, HIGH", "7.40, HIGH", "7.50, MEDIUM", "4.40, MEDIUM"})
    void crossChecksEachFunctionWithItsResourceLevelCostWhereTheAccountHasIt(String weekUsd, Confidence expected) {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(700_000, 1000, 512);
        CostHistory withResources = CostHistories.of((from, to) -> costExplorer(before, after, "1").dailyLambdaCost(from, to),
                days -> new io.fleetopt.core.port.FunctionCosts(Map.of(ARN, new BigDecimal(weekUsd)), 1, "by resource", null));

        ChangeSetSavings set = new SavingsVerifier(withResources, usage(before, after), liveMemory(512), arn -> List.of(), PRICING, run -> Optional.empty(),
                on(TODAY)).verify("now", List.of(memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of()).changeSets().getFirst();

        // measured now: 700k x 0.5 GB-s = $5.83 + $0.14 requests a week -> $25.60/month, $5.97 of it this week
        FunctionSavings f = set.functions().getFirst();
        assertTrue(f.note().startsWith("Cost Explorer (by resource) shows $" + weekUsd + " this week, measured $5.97"), f.note());
        assertEquals(expected, set.confidence(), set.confidenceNotes().toString());
    }

    @Test
    void givesTheCostHistoryTheChangedFunctionsTagsAndSaysWhichGranularityItsCrossCheckUsed() {
        Week before = Week.of(700_000, 1000, 1024);
        Week after = Week.of(700_000, 1000, 512);
        List<Map<String, Map<String, String>>> asked = new ArrayList<>();
        CostHistory byTag = CostHistories.of((from, to) -> costExplorer(before, after, "1").dailyLambdaCost(from, to), (days, tags) -> {
            asked.add(tags);
            return new io.fleetopt.core.port.FunctionCosts(Map.of(ARN, new BigDecimal("5.97")), 4,
                    io.fleetopt.core.port.FunctionCosts.byTag("fn-name"), null);
        });
        io.fleetopt.core.model.FunctionConfig config = new io.fleetopt.core.model.FunctionConfig("java21", "arm64", 1024, 30, null, null,
                "PassThrough", null, null, "/aws/lambda/orders", null, null, Map.of("fn-name", "orders", "team", "shop"), null, "rev-1",
                null, List.of());
        io.fleetopt.core.model.FunctionMetrics metrics = new io.fleetopt.core.model.FunctionMetrics(14, 100_000, 0, 0, 1000.0, 900.0,
                2000.0, 2500.0, 10, null, null, 300, null, null, List.of());
        io.fleetopt.core.model.FleetSnapshot snapshot = new io.fleetopt.core.model.FleetSnapshot(io.fleetopt.core.model.FleetSnapshot.SCHEMA_VERSION,
                "r1", "123456789012", List.of("us-east-1"), 14, CHANGED_ON.atStartOfDay().toInstant(ZoneOffset.UTC),
                io.fleetopt.core.scope.Scope.everything(), new io.fleetopt.core.model.AccountConcurrency(1000, 900),
                List.of(new io.fleetopt.core.model.FunctionProfile(ARN, "orders", "us-east-1", config, metrics, List.of())), List.of(), null);

        SavingsReport report = new SavingsVerifier(byTag, usage(before, after), liveMemory(512), arn -> List.of(), PRICING,
                run -> run.equals("r1") ? Optional.of(snapshot) : Optional.empty(), on(TODAY))
                .verify("now", List.of(memoryChange("r1", CHANGED_ON, 1024, 512, "30")), List.of());

        assertEquals(List.of(Map.of(ARN, Map.of("fn-name", "orders", "team", "shop"))), asked);
        assertTrue(report.costExplorer().level().endsWith("; each changed function's cost this week by cost-allocation tag fn-name"),
                report.costExplorer().level());
        assertEquals(5, report.costExplorer().calls(), "the account-wide query and the four of the per-function read");
        FunctionSavings f = report.changeSets().getFirst().functions().getFirst();
        assertTrue(f.note().startsWith("Cost Explorer (by cost-allocation tag fn-name) shows $5.97 this week"), f.note());
    }
}
