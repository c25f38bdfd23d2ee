package io.fleetopt.notifier.report;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.CollectionCost;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.model.WeekSavings;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.pricing.Pricing;
import io.fleetopt.notifier.AppliedEstimate;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Puts the weekly report together from the run's documents: its savings check, plan, apply result and snapshot. */
public final class WeeklyReportBuilder {

    private WeeklyReportBuilder() {
    }

    /** {@code result} is null when nothing was applied (no changes, rejected, expired); {@code snapshot} when not collected. */
    public static WeeklyReport build(String account, SavingsReport savings, Plan plan, @Nullable ApplyResult result,
                                     @Nullable FleetSnapshot snapshot, Instant now) {
        BigDecimal justApplied = result == null ? BigDecimal.ZERO : AppliedEstimate.monthlyUsd(plan, result);
        int appliedChanges = result == null ? 0 : (int) result.count(ApplyStatus.APPLIED);
        List<WeekSavings> history = new ArrayList<>(savings.weeks());
        if (appliedChanges > 0) {
            history.add(new WeekSavings(plan.runId(), LocalDate.ofInstant(now, ZoneOffset.UTC), appliedChanges, Pricing.cents(justApplied),
                    null, null));
        }
        List<WeekSavings> measured = savings.weeks().stream().filter(w -> w.realizedMonthlyUsd() != null).toList();
        BigDecimal cumulative = measured.stream().map(WeekSavings::realizedMonthlyUsd).reduce(BigDecimal.ZERO, BigDecimal::add);

        CollectionCost collection = snapshot == null || snapshot.collectionCost() == null ? CollectionCost.none() : snapshot.collectionCost();
        long metrics = savings.usageMetricsRead() + collection.metricQueries();
        WeeklyReport.OwnCost ownCost = new WeeklyReport.OwnCost(savings.costExplorer().calls(), metrics,
                collection.logsInsightsBytesScanned(),
                Pricing.cents(io.fleetopt.core.pricing.OptimizerPricing.ownReadsUsd(savings.costExplorer().calls(), metrics, collection.logsInsightsBytesScanned())));

        WeeklyReport.Headline headline = new WeeklyReport.Headline(savings.realizedMonthlyUsd(), savings.changeSets().size(),
                Pricing.cents(justApplied), appliedChanges, Pricing.cents(cumulative), measured.size(), ownCost.usd());
        return new WeeklyReport(WeeklyReport.SCHEMA_VERSION, plan.runId(), account, now, headline, byWeek(history),
                savings.changeSets(), pending(plan, result), savings.costExplorer(), ownCost, null);
    }

    /**
     * The report of a run over member accounts, from its index (planned), the ledger's entries of the run (applied)
     * and its savings check (realized of earlier changes): one report, with a section per account and region. Its own
     * cost counts the savings check's reads; the collection in the member accounts is not in the index, so it is not
     * counted (the sections carry the modelled cost of a run of this size).
     */
    public static WeeklyReport buildForMemberRun(String account, SavingsReport savings, RunIndex index, List<LedgerEntry> runEntries,
                                                 Instant now) {
        AccountSections sections = AccountSections.of(index, runEntries, savings);
        AccountSections.Figures t = sections.totals();
        List<WeekSavings> history = new ArrayList<>(savings.weeks());
        if (t.changesApplied() > 0) {
            history.add(new WeekSavings(index.runId(), LocalDate.ofInstant(now, ZoneOffset.UTC), t.changesApplied(),
                    Pricing.cents(t.appliedMonthlyUsd()), null, null));
        }
        List<WeekSavings> measured = savings.weeks().stream().filter(w -> w.realizedMonthlyUsd() != null).toList();
        BigDecimal cumulative = measured.stream().map(WeekSavings::realizedMonthlyUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        WeeklyReport.OwnCost ownCost = new WeeklyReport.OwnCost(savings.costExplorer().calls(), savings.usageMetricsRead(), 0,
                Pricing.cents(io.fleetopt.core.pricing.OptimizerPricing.ownReadsUsd(savings.costExplorer().calls(), savings.usageMetricsRead(), 0)));
        WeeklyReport.Headline headline = new WeeklyReport.Headline(savings.realizedMonthlyUsd(), savings.changeSets().size(),
                Pricing.cents(t.appliedMonthlyUsd()), t.changesApplied(), Pricing.cents(cumulative), measured.size(), ownCost.usd());
        return new WeeklyReport(WeeklyReport.SCHEMA_VERSION, index.runId(), account, now, headline, byWeek(history),
                savings.changeSets(), null, savings.costExplorer(), ownCost, sections);
    }

    /** One point per week (from Monday): the week's change sets added up; realized only where measured. */
    static List<WeeklyReport.WeekPoint> byWeek(List<WeekSavings> history) {
        Map<LocalDate, List<WeekSavings>> weeks = new TreeMap<>(history.stream().collect(Collectors.groupingBy(
                w -> w.appliedOn().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))));
        List<WeeklyReport.WeekPoint> points = new ArrayList<>();
        weeks.forEach((weekOf, sets) -> {
            BigDecimal estimated = sets.stream().map(WeekSavings::estimatedMonthlyUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
            List<BigDecimal> realized = sets.stream().map(WeekSavings::realizedMonthlyUsd).filter(Objects::nonNull).toList();
            points.add(new WeeklyReport.WeekPoint(weekOf, sets.stream().mapToInt(WeekSavings::changes).sum(), estimated,
                    realized.isEmpty() ? null : realized.stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
        });
        return List.copyOf(points);
    }

    private static WeeklyReport.Pending pending(Plan plan, @Nullable ApplyResult result) {
        Set<String> done = result == null ? Set.of() : result.items().stream()
                .filter(i -> i.status() == ApplyStatus.APPLIED || i.status() == ApplyStatus.ALREADY_APPLIED)
                .map(ItemOutcome::itemId).collect(Collectors.toSet());
        List<Recommendation> notApproved = plan.items().stream()
                .filter(i -> i.action() == Action.APPLY && !done.contains(i.id())).toList();
        List<Recommendation> findings = plan.items().stream().filter(i -> i.action() == Action.REPORT_ONLY).toList();
        List<WeeklyReport.PendingItem> items = new ArrayList<>();
        notApproved.forEach(i -> items.add(item(i, false)));
        findings.forEach(i -> items.add(item(i, true)));
        items.sort(Comparator.comparing(WeeklyReport.PendingItem::monthlySavingUsd).reversed());
        return new WeeklyReport.Pending(notApproved.size(), sum(notApproved), findings.size(), sum(findings), List.copyOf(items));
    }

    private static WeeklyReport.PendingItem item(Recommendation r, boolean finding) {
        return new WeeklyReport.PendingItem(r.functionName(), r.kind().label(), SettingValues.display(r.kind(), r.currentValue())
                + " -> " + SettingValues.display(r.kind(), r.proposedValue()), r.rationale(), Pricing.cents(r.monthlySavingUsd()), finding);
    }

    private static BigDecimal sum(List<Recommendation> items) {
        return Pricing.cents(items.stream().map(Recommendation::monthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
