package io.fleetopt.notifier.report;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.FunctionSavings;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.SavingsStatus;
import io.fleetopt.notifier.SavingsVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a run over member accounts: its figures per account and region, summed, and what they say. */
class AccountSectionsTest {

    @ParameterizedTest(name = "{0} accounts x {1} regions")
    @CsvSource({"1, 2", "3, 2", "5, 4", "100, 4"})
    void eachAccountsSumsAreItsRegionsAndTheRunsAreTheIndexTotals(int accounts, int regions) {
        MemberRunFixture fixture = MemberRunFixture.of(accounts, regions, false);
        AccountSections sections = fixture.report().accounts();
        RunIndex.Totals t = fixture.index.totals();

        assertEquals(t.functionCount(), sections.totals().functions());
        assertEquals(t.itemCount(), sections.totals().items());
        assertEquals(t.applyItemCount(), sections.totals().changesPlanned());
        assertEquals(0, t.monthlySavingUsd().compareTo(sections.totals().plannedMonthlyUsd()));
        Map<String, RunIndex.Entry> byTarget = fixture.index.targets().stream()
                .collect(Collectors.toMap(e -> e.accountId() + "/" + e.region(), Function.identity()));
        int rowsInIndex = 0;
        for (AccountSections.Account account : sections.accounts()) {
            AccountSections.Figures sum = account.regions().stream().map(AccountSections.Region::figures)
                    .reduce(AccountSections.Figures.NONE, AccountSections.Figures::plus);
            assertEquals(sum, account.totals(), account.accountId());
            for (AccountSections.Region region : account.regions()) {
                RunIndex.Entry entry = byTarget.get(account.accountId() + "/" + region.region());
                if (!region.inIndex()) {
                    continue;
                }
                rowsInIndex++;
                assertEquals(entry.functionCount(), region.figures().functions());
                assertEquals(entry.applyItemCount(), region.figures().changesPlanned());
                assertEquals(0, entry.monthlySavingUsd().compareTo(region.figures().plannedMonthlyUsd()));
                assertEquals(entry.planKey(), region.planKey());
            }
        }
        assertEquals(fixture.index.targets().size(), rowsInIndex, "one row per (account, region) of the index");
    }

    @Test
    void aTargetThatFailedToCollectIsListedAsNotCollectedAndIsInNoFigure() {
        MemberRunFixture fixture = MemberRunFixture.of(3, 2, false);
        AccountSections sections = fixture.report().accounts();
        String failed = MemberRunFixture.account(2);

        assertEquals(List.of(new RunIndex.FailedTarget(failed, "eu-west-1", "io.fleetopt.collector.aws.MemberRoleDeniedException",
                "cannot assume arn:aws:iam::" + failed + ":role/fleetopt-member <denied>")), sections.notCollected());
        AccountSections.Account account = sections.accounts().stream().filter(a -> a.accountId().equals(failed)).findFirst().orElseThrow();
        assertEquals(List.of("us-east-1"), account.regions().stream().map(AccountSections.Region::region).toList());
        assertTrue(ReportFigures.memberRun(sections).endsWith("1 account-region pair was not collected: nothing of it is in these figures."),
                ReportFigures.memberRun(sections));
        String md = MarkdownReport.render(fixture.report());
        assertTrue(md.contains("### Not collected (1)\n\n| account | region | error | cause |\n|---|---|---|---|\n| " + failed
                + " | eu-west-1 | io.fleetopt.collector.aws.MemberRoleDeniedException |"), md);
    }

    @Test
    void aRunWithNothingAppliedSaysProposedOnly() {
        MemberRunFixture fixture = MemberRunFixture.of(3, 2, false);
        WeeklyReport report = fixture.report();
        AccountSections sections = report.accounts();

        assertEquals(0, sections.totals().changesApplied());
        assertEquals(0, report.headline().justAppliedChanges());
        assertEquals(new BigDecimal("0.00"), report.headline().justAppliedMonthlyUsd());
        assertNull(report.pending(), "a member run has no one plan to list as pending: its sections carry the counts");
        assertTrue(ReportFigures.memberRun(sections).contains("none of them was applied: proposed only."), ReportFigures.memberRun(sections));
        assertTrue(sections.accounts().stream().flatMap(a -> a.regions().stream())
                .allMatch(r -> ReportFigures.applied(r.figures()).equals("none (proposed only)")));
        assertTrue(HtmlReport.render(report).contains("none of them was applied: proposed only."));
    }

    @Test
    void theRunsLedgerEntriesAreAttributedToTheirAccountAndRegionByTheFunctionArn() {
        MemberRunFixture fixture = MemberRunFixture.of(3, 2, true);
        AccountSections sections = fixture.report().accounts();
        AccountSections.Figures first = firstMemberRegion(sections);

        assertEquals(2, first.changesApplied(), "the memory cut and the timeout, each counted once (not its intent)");
        assertEquals(1, first.changesRolledBack());
        assertEquals(new BigDecimal("12.50"), first.appliedMonthlyUsd(), "the estimate of what was applied, the rolled-back change's included");
        assertEquals(2, sections.totals().changesApplied());
        assertEquals(2, sections.accounts().stream().flatMap(a -> a.regions().stream()).filter(r -> r.figures().changesApplied() > 0)
                .mapToInt(r -> r.figures().changesApplied()).sum(), "no other (account, region) has any");
        assertEquals("2 changes were applied (est. $12.50/month), 1 of them rolled back since.",
                ReportFigures.memberRun(sections).replaceAll(".*; (\\d+ changes were applied.*?since\\.).*", "$1"));
        assertEquals("2, $12.50/month, 1 rolled back", ReportFigures.applied(first));
        WeeklyReport report = fixture.report();
        assertEquals(2, report.headline().justAppliedChanges());
        WeeklyReport.WeekPoint thisWeek = report.weeks().getLast();
        assertEquals(MemberRunFixture.TODAY, thisWeek.weekOf());
        assertEquals(2, thisWeek.changes());
        assertEquals(new BigDecimal("12.50"), thisWeek.estimatedMonthlyUsd());
        assertNull(thisWeek.realizedMonthlyUsd());
    }

    @Test
    void earlierMemberAccountChangesAreMeasuredThroughTheirRoleAndAddUpWithTheManagementAccountsOwn() {
        MemberRunFixture fixture = MemberRunFixture.of(3, 2, false);
        WeeklyReport report = fixture.report();
        AccountSections sections = report.accounts();

        io.fleetopt.core.model.ChangeSetSavings memberSet = report.changeSets().stream()
                .filter(s -> s.runId().equals(MemberRunFixture.EARLIER_MEMBER_RUN)).findFirst().orElseThrow();
        assertEquals(2, memberSet.functions().size());
        assertTrue(memberSet.functions().stream().allMatch(f -> f.status() == SavingsStatus.MEASURED), memberSet.functions().toString());
        BigDecimal memberRealized = memberSet.functions().stream().map(FunctionSavings::realizedMonthlyUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(memberRealized.signum() > 0, "a memory cut at the same traffic saves: " + memberRealized);
        assertEquals(memberRealized, memberSet.realizedMonthlyUsd());
        AccountSections.Figures first = firstMemberRegion(sections);
        assertEquals(2, first.checkedMeasured());
        assertEquals(memberRealized, first.realizedMonthlyUsd(), "the member region's row carries its measured changes");
        assertEquals(ReportFigures.perMonth(memberRealized), ReportFigures.realized(memberSet));
        io.fleetopt.core.model.WeekSavings memberWeek = fixture.savings.weeks().stream()
                .filter(w -> w.runId().equals(MemberRunFixture.EARLIER_MEMBER_RUN)).findFirst().orElseThrow();
        assertEquals(memberRealized, memberWeek.realizedMonthlyUsd());

        FunctionSavings billing = report.changeSets().stream().filter(s -> s.runId().equals(MemberRunFixture.EARLIER_OWN_RUN))
                .findFirst().orElseThrow().functions().getFirst();
        assertEquals(SavingsStatus.MEASURED, billing.status());
        assertEquals(memberRealized.add(billing.realizedMonthlyUsd()), sections.totals().realizedMonthlyUsd(),
                "the run's row sums the member accounts' and the management account's, as the single-account report sums its change sets");
        assertEquals(memberRealized.add(billing.realizedMonthlyUsd()), report.headline().realizedMonthlyUsd());
        String md = MarkdownReport.render(report);
        assertFalse(md.contains("not measured (its member account"), md);
    }

    @Test
    void aMemberAccountThatCannotBeReadIsListedAsNotMeasuredNeverAsAFigure() {
        MemberRunFixture fixture = MemberRunFixture.of(3, 2, false, false);
        WeeklyReport report = fixture.report();
        AccountSections sections = report.accounts();

        List<FunctionSavings> member = report.changeSets().stream().filter(s -> s.runId().equals(MemberRunFixture.EARLIER_MEMBER_RUN))
                .findFirst().orElseThrow().functions();
        assertEquals(2, member.size());
        assertTrue(member.stream().allMatch(f -> f.status() == SavingsStatus.NOT_MEASURED
                && f.note().startsWith(SavingsVerifier.MEMBER_ACCOUNT_NOT_READ + ": cannot assume arn:aws:iam::"
                + MemberRunFixture.account(0) + ":role/fleetopt-member")), member.toString());
        AccountSections.Figures first = firstMemberRegion(sections);
        assertEquals(0, first.checkedMeasured());
        assertNull(first.realizedMonthlyUsd(), "nothing measured in the member account: no figure");
        assertEquals("none measured, 2 not measured", ReportFigures.realized(first));
        io.fleetopt.core.model.WeekSavings memberWeek = fixture.savings.weeks().stream()
                .filter(w -> w.runId().equals(MemberRunFixture.EARLIER_MEMBER_RUN)).findFirst().orElseThrow();
        assertNull(memberWeek.realizedMonthlyUsd(), "the member run's week is not measured, not $0: " + memberWeek);
        assertNull(memberWeek.confidence());
        String md = MarkdownReport.render(report);
        assertTrue(md.contains("realized **" + SavingsVerifier.MEMBER_ACCOUNT_NOT_READ + "**"), md);
        assertEquals(2, md.split("\\| - \\| not measured \\| " + java.util.regex.Pattern.quote(SavingsVerifier.MEMBER_ACCOUNT_NOT_READ), -1).length - 1,
                "each member change's row says not measured where its realized saving would be: " + md);

        // the management account's own change is measured, and shown in a row of its own, outside the index
        AccountSections.Account own = sections.accounts().stream().filter(a -> a.accountId().equals(MemberRunFixture.MANAGEMENT))
                .findFirst().orElseThrow();
        AccountSections.Region ownRegion = own.regions().getFirst();
        assertFalse(ownRegion.inIndex());
        assertEquals(1, ownRegion.figures().checkedMeasured());
        FunctionSavings billing = report.changeSets().stream().filter(s -> s.runId().equals(MemberRunFixture.EARLIER_OWN_RUN))
                .findFirst().orElseThrow().functions().getFirst();
        assertEquals(SavingsStatus.MEASURED, billing.status());
        assertEquals(billing.realizedMonthlyUsd(), ownRegion.figures().realizedMonthlyUsd());
        assertEquals(billing.realizedMonthlyUsd(), sections.totals().realizedMonthlyUsd());
    }

    @Test
    void anIndexWhoseTotalsAreNotItsSumsIsRefusedNamingTheField() {
        MemberRunFixture fixture = MemberRunFixture.of(3, 2, false);
        RunIndex i = fixture.index;
        RunIndex.Totals t = i.totals();
        RunIndex off = new RunIndex(i.schemaVersion(), i.runId(), i.targets(), i.failedTargets(),
                new RunIndex.Totals(t.accounts(), t.regions(), t.functionCount(), t.itemCount() + 1, t.applyItemCount(), t.monthlySavingUsd()));

        IllegalArgumentException built = assertThrows(IllegalArgumentException.class,
                () -> WeeklyReportBuilder.buildForMemberRun("org", fixture.savings, off, List.of(), MemberRunFixture.NOW));
        assertEquals("run index of run " + MemberRunFixture.RUN + ": totals.itemCount are not the sums of its targets", built.getMessage());
        try (DocumentCodec codec = new DocumentCodec()) {
            RuntimeException read = assertThrows(RuntimeException.class, () -> codec.read(codec.write(off), RunIndex.class, "runs/x/index.json"));
            assertTrue(read.getMessage().contains("totals") && read.getMessage().contains("runs/x/index.json"), read.getMessage());
        }
    }

    /** The first member account's first region (us-east-1), where the fixture's changes are. */
    private static AccountSections.Figures firstMemberRegion(AccountSections sections) {
        AccountSections.Account account = sections.accounts().stream().filter(a -> a.accountId().equals(MemberRunFixture.account(0)))
                .findFirst().orElseThrow();
        return account.regions().stream().filter(r -> r.region().equals("us-east-1")).findFirst().orElseThrow().figures();
    }
}
