package io.fleetopt.notifier.report;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.FunctionSavings;
import io.fleetopt.core.model.RunCostAtScale;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.model.SavingsStatus;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.pricing.OptimizerPricing;
import io.fleetopt.core.pricing.Pricing;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run over member accounts in its report: the run's figures, one section per account with a row per region, and
 * the (account, region)s that were not collected. Planned comes from the run index; applied from the ledger
 * entries of the run; realized from the change sets checked this week. Ledger entries and checked changes are
 * attributed to their (account, region) by the function's ARN.
 *
 * @param totals       the sums over the accounts; planned equals the index's totals
 * @param notCollected    the targets whose child execution failed: nothing of them is in the figures
 * @param modelledRunCost what a weekly run over this many functions costs fleetopt itself, modelled
 *                        ({@code OptimizerPricing.atScale}: Step Functions, the stages' Lambda time, the AWS API calls)
 */
@Serdeable
public record AccountSections(Figures totals, List<Account> accounts, List<RunIndex.FailedTarget> notCollected,
                              RunCostAtScale modelledRunCost) {

    /**
     * What was planned, applied and realized. {@code plannedMonthlyUsd} is every item's estimate (changes and
     * findings); {@code appliedMonthlyUsd} the estimate of the changes applied; {@code realizedMonthlyUsd} the
     * measured saving of earlier changes checked this week, null when none was measured ({@code checkedNotMeasured}
     * says how many were checked but not measured).
     */
    @Serdeable
    public record Figures(int functions, int items, int changesPlanned, BigDecimal plannedMonthlyUsd, int changesApplied,
                          BigDecimal appliedMonthlyUsd, int changesRolledBack, int checkedMeasured,
                          @Nullable BigDecimal realizedMonthlyUsd, int checkedNotMeasured) {

        static final Figures NONE = new Figures(0, 0, 0, BigDecimal.ZERO.setScale(2), 0, BigDecimal.ZERO.setScale(2), 0, 0, null, 0);

        Figures plus(Figures o) {
            BigDecimal realized = realizedMonthlyUsd == null ? o.realizedMonthlyUsd
                    : o.realizedMonthlyUsd == null ? realizedMonthlyUsd : realizedMonthlyUsd.add(o.realizedMonthlyUsd);
            return new Figures(functions + o.functions, items + o.items, changesPlanned + o.changesPlanned,
                    plannedMonthlyUsd.add(o.plannedMonthlyUsd), changesApplied + o.changesApplied,
                    appliedMonthlyUsd.add(o.appliedMonthlyUsd), changesRolledBack + o.changesRolledBack, checkedMeasured + o.checkedMeasured,
                    realized, checkedNotMeasured + o.checkedNotMeasured);
        }
    }

    /** One member account: its sums and one row per region. */
    @Serdeable
    public record Account(String accountId, Figures totals, List<Region> regions) {
    }

    /**
     * One (account, region): its figures and where its plan is ({@code planKey}); {@code inIndex} false for changes
     * the ledger holds in an (account, region) the index does not list.
     */
    @Serdeable
    public record Region(String region, Figures figures, @Nullable String planKey, boolean inIndex) {
    }

    /** An (account, region), read from a function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME). */
    record Target(String accountId, String region) {
        static Target ofArn(String functionArn) {
            String[] parts = functionArn.split(":");
            if (parts.length < 7 || !parts[2].equals("lambda") || parts[3].isEmpty() || parts[4].isEmpty()) {
                throw new IllegalArgumentException("function ARN " + functionArn + " names no account and region");
            }
            return new Target(parts[4], parts[3]);
        }
    }

    /**
     * The sections of run {@code index.runId()}: {@code runEntries} are the ledger's entries of that run (any
     * action), {@code savings} the savings check kept for it.
     */
    public static AccountSections of(RunIndex index, List<LedgerEntry> runEntries, SavingsReport savings) {
        Map<Target, Figures> byTarget = new LinkedHashMap<>();
        Map<Target, String> planKeys = new LinkedHashMap<>();
        for (RunIndex.Entry e : index.targets()) {
            Target target = new Target(e.accountId(), e.region());
            planKeys.put(target, e.planKey());
            byTarget.put(target, new Figures(e.functionCount(), e.itemCount(), e.applyItemCount(), e.monthlySavingUsd(),
                    0, BigDecimal.ZERO.setScale(2), 0, 0, null, 0));
        }
        for (LedgerEntry entry : ChangeLedger.latestPerItem(runEntries.stream().filter(e -> e.runId().equals(index.runId())).toList())) {
            // an item counts as applied once it was; rolled back since, it is counted as that too
            boolean rolledBack = entry.action() == LedgerAction.ROLLED_BACK;
            BigDecimal estimate = rolledBack ? firstApplied(runEntries, entry).estimatedMonthlySavingUsd() : entry.estimatedMonthlySavingUsd();
            byTarget.merge(Target.ofArn(entry.functionArn()), new Figures(0, 0, 0, BigDecimal.ZERO.setScale(2), 1, Pricing.cents(estimate),
                    rolledBack ? 1 : 0, 0, null, 0), Figures::plus);
        }
        for (ChangeSetSavings set : savings.changeSets()) {
            for (FunctionSavings f : set.functions()) {
                boolean measured = f.status() == SavingsStatus.MEASURED;
                byTarget.merge(Target.ofArn(f.functionArn()), new Figures(0, 0, 0, BigDecimal.ZERO.setScale(2), 0,
                        BigDecimal.ZERO.setScale(2), 0, measured ? 1 : 0, measured ? f.realizedMonthlyUsd() : null, measured ? 0 : 1),
                        Figures::plus);
            }
        }
        Map<String, List<Region>> regions = new TreeMap<>();
        new TreeMap<>(byTarget.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().accountId() + "/" + e.getKey().region(), e -> e))).values().forEach(e ->
                regions.computeIfAbsent(e.getKey().accountId(), a -> new ArrayList<>()).add(new Region(e.getKey().region(), e.getValue(),
                        planKeys.get(e.getKey()), planKeys.containsKey(e.getKey()))));
        List<Account> accounts = new ArrayList<>();
        Figures totals = Figures.NONE;
        for (Map.Entry<String, List<Region>> account : regions.entrySet()) {
            Figures sum = account.getValue().stream().map(Region::figures).reduce(Figures.NONE, Figures::plus);
            accounts.add(new Account(account.getKey(), sum, List.copyOf(account.getValue())));
            totals = totals.plus(sum);
        }
        requireIndexTotals(index, totals);
        return new AccountSections(totals, List.copyOf(accounts), List.copyOf(index.failedTargets()),
                OptimizerPricing.atScale(totals.functions()));
    }

    private static LedgerEntry firstApplied(List<LedgerEntry> runEntries, LedgerEntry rolledBack) {
        return runEntries.stream().filter(e -> e.itemId().equals(rolledBack.itemId()) && e.action() == LedgerAction.APPLIED)
                .findFirst().orElse(rolledBack);
    }

    /** The planned sums must be the index's totals (which {@code RunIndex.validate} checks against its entries). */
    private static void requireIndexTotals(RunIndex index, Figures totals) {
        RunIndex.Totals t = index.totals();
        List<String> off = new ArrayList<>();
        if (totals.functions() != t.functionCount()) {
            off.add("totals.functionCount");
        }
        if (totals.items() != t.itemCount()) {
            off.add("totals.itemCount");
        }
        if (totals.changesPlanned() != t.applyItemCount()) {
            off.add("totals.applyItemCount");
        }
        if (t.monthlySavingUsd() == null || totals.plannedMonthlyUsd().compareTo(t.monthlySavingUsd()) != 0) {
            off.add("totals.monthlySavingUsd");
        }
        if (!off.isEmpty()) {
            throw new IllegalArgumentException("run index of run " + index.runId() + ": " + String.join(", ", off)
                    + " are not the sums of its targets");
        }
    }
}
