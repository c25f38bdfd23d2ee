package io.fleetopt.notifier.report;

import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DailyCost;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.LambdaCosts;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.pricing.Pricing;
import io.fleetopt.notifier.CostHistories;
import io.fleetopt.notifier.SavingsVerifier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run over member accounts, generated: {@code accounts} x {@code regions} collected (each pair's counts and saving
 * from its position), the last account's last region not collected, and the ledger: an earlier member run's two memory
 * changes in the first account (a week old: checked this week, measured through its member role, or not measured when
 * the member roles cannot be assumed), an earlier run of the management
 * account's own (measured), and, when {@code applied}, two changes of this run in the first account's first region,
 * one of them rolled back since.
 */
final class MemberRunFixture {
    /** The report reads the index, never the targets' plans, so their digest here is a placeholder of the right form. */
    static final String UNREAD_PLAN_DIGEST = "sha256:" + "0".repeat(64);


    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    static final String RUN = "2026-11-30-org1";
    static final String EARLIER_MEMBER_RUN = "2026-11-23-org0";
    static final String EARLIER_OWN_RUN = "2026-11-23-own0";
    static final String MANAGEMENT = "123456789012";
    static final Instant NOW = TODAY.atTime(6, 5).toInstant(ZoneOffset.UTC);

    final RunIndex index;
    final List<LedgerEntry> runEntries;
    final SavingsReport savings;

    private MemberRunFixture(RunIndex index, List<LedgerEntry> runEntries, SavingsReport savings) {
        this.index = index;
        this.runEntries = runEntries;
        this.savings = savings;
    }

    static String account(int i) {
        return String.format("%012d", 200_000_000_000L + i);
    }

    static String region(int j) {
        return List.of("us-east-1", "eu-west-1", "ap-southeast-2", "eu-central-1").get(j);
    }

    static String arn(String account, String region, String name) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }

    static MemberRunFixture of(int accounts, int regions, boolean applied) {
        return of(accounts, regions, applied, true);
    }

    /** ... with {@code memberRolesAssumable} false, no member account can be read (its role cannot be assumed). */
    static MemberRunFixture of(int accounts, int regions, boolean applied, boolean memberRolesAssumable) {
        List<RunIndex.Entry> entries = new ArrayList<>();
        List<RunIndex.FailedTarget> failed = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            for (int j = 0; j < regions; j++) {
                CollectTarget target = new CollectTarget(account(i), region(j), null);
                if (i == accounts - 1 && j == regions - 1) {
                    failed.add(new RunIndex.FailedTarget(account(i), region(j), "io.fleetopt.collector.aws.MemberRoleDeniedException",
                            "cannot assume arn:aws:iam::" + account(i) + ":role/fleetopt-member <denied>"));
                    continue;
                }
                entries.add(new RunIndex.Entry(account(i), region(j), ArtifactKeys.snapshot(RUN, target), ArtifactKeys.plan(RUN, target),
                        UNREAD_PLAN_DIGEST, 100 + 10 * i + j, 6 + j, 4 + j % 2, new BigDecimal(String.format("%d.%02d", 10 * (i + 1) + j, 25 + i))));
            }
        }
        RunIndex index = RunIndex.of(RUN, entries, failed);

        LocalDate lastWeek = TODAY.minusWeeks(1);
        List<LedgerEntry> ledger = new ArrayList<>(List.of(
                memory(EARLIER_MEMBER_RUN, arn(account(0), region(0), "orders-api"), lastWeek, 2048, 1024, "41.00"),
                memory(EARLIER_MEMBER_RUN, arn(account(0), region(0), "thumbnails"), lastWeek, 3008, 1024, "60.00"),
                memory(EARLIER_OWN_RUN, arn(MANAGEMENT, "us-east-1", "billing-api"), lastWeek, 2048, 1024, "30.00")));
        List<LedgerEntry> runEntries = new ArrayList<>();
        if (applied) {
            LedgerEntry cut = memory(RUN, arn(account(0), region(0), "cart-api"), TODAY, 1024, 512, "12.50");
            LedgerEntry timeout = new LedgerEntry(RUN, "timeout-cart-worker", arn(account(0), region(0), "cart-worker"), "cart-worker",
                    RecommendationKind.TIMEOUT, LedgerAction.APPLIED, "300", "60", "ana", TODAY.atTime(6, 1).toInstant(ZoneOffset.UTC),
                    new BigDecimal("0.00"), "r2");
            LedgerEntry rolledBack = new LedgerEntry(RUN, cut.itemId(), cut.functionArn(), cut.functionName(), cut.kind(),
                    LedgerAction.ROLLED_BACK, cut.after(), cut.before(), "guard alarm", TODAY.atTime(6, 3).toInstant(ZoneOffset.UTC),
                    new BigDecimal("-12.50"), "r3");
            runEntries.addAll(List.of(cut.as(LedgerAction.INTENT, cut.at().minusSeconds(5), null), cut, timeout, rolledBack));
        }
        Set<String> memberRuns = Set.of(EARLIER_MEMBER_RUN, RUN);
        // the member accounts' functions are read through their member role (here: these readers), never in the management account
        io.fleetopt.notifier.MemberAccountReaders members = (accountId, region) -> {
            if (!memberRolesAssumable) {
                throw new io.fleetopt.notifier.MemberAccountUnreadableException("cannot assume arn:aws:iam::" + accountId
                        + ":role/fleetopt-member in account " + accountId + " (AccessDenied)", null);
            }
            return new io.fleetopt.notifier.MemberAccountReaders.Readers(usageIn(accountId), liveIn(accountId), arn -> List.of());
        };
        SavingsVerifier verifier = new SavingsVerifier(CostHistories.withLinkedAccounts(CostHistories.accountWide(MemberRunFixture::costs),
                (accountIds, from, to) -> costs(from, to)), usageIn(MANAGEMENT), liveIn(MANAGEMENT), arn -> List.of(), Pricing.standard(),
                run -> Optional.empty(), new SavingsVerifier.MemberRuns(memberRuns::contains, (run, accountId, region) -> Optional.empty(), members),
                Clock.fixed(TODAY.atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        SavingsReport savings = verifier.verify(RUN, ledger, List.of());
        return new MemberRunFixture(index, List.copyOf(runEntries), savings);
    }

    WeeklyReport report() {
        return WeeklyReportBuilder.buildForMemberRun("organization (management account " + MANAGEMENT + ")", savings, index, runEntries, NOW);
    }

    /** The usage of {@code account}'s functions: 1 M invocations a week, 200 ms before the changes and 180 ms now. */
    private static io.fleetopt.core.port.FunctionUsageHistory usageIn(String account) {
        return (arns, days) -> arns.stream().map(arn -> {
            if (!arn.contains(":" + account + ":")) {
                throw new AssertionError("read the usage of " + arn + " in account " + account);
            }
            boolean thisWeek = days.toExclusive().equals(TODAY);
            return new FunctionUsage(arn, days, 7, 1_000_000, thisWeek ? 180.0 : 200.0, 150.0, 400.0);
        }).toList();
    }

    /** The live settings of {@code account}'s functions: the 1024 MB every change here set. */
    private static io.fleetopt.core.port.FunctionSettingsReader liveIn(String account) {
        return arn -> {
            if (!arn.contains(":" + account + ":")) {
                throw new AssertionError("read the live settings of " + arn + " in account " + account);
            }
            return new FunctionSettings(arn, "r", 1024, 30, null, "PassThrough", 30, Map.of());
        };
    }

    private static LambdaCosts costs(LocalDate from, LocalDate to) {
        List<DailyCost> days = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            days.add(new DailyCost(d, new BigDecimal("30.00"), 400_000));
        }
        return new LambdaCosts(days, 2, "Cost Explorer", "account-wide AWS Lambda cost by usage type (GetCostAndUsage, daily)", null);
    }

    private static LedgerEntry memory(String run, String arn, LocalDate on, int fromMb, int toMb, String estimated) {
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        return new LedgerEntry(run, "memory-" + name, arn, name, RecommendationKind.MEMORY, LedgerAction.APPLIED,
                Integer.toString(fromMb), Integer.toString(toMb), "ana", on.atTime(6, 0).toInstant(ZoneOffset.UTC), new BigDecimal(estimated), "r2");
    }
}
