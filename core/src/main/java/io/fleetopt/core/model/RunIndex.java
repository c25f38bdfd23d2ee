package io.fleetopt.core.model;

import io.fleetopt.core.json.FieldChecks;
import io.fleetopt.core.json.Validated;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The run-level index of a weekly run over several accounts and regions: one entry per (account, region) with the
 * keys of its snapshot and plan, the plan's digest and their totals, the targets whose child execution failed with the error, and the
 * run's totals. The summary reads this one document instead of 1,700 plans, and the approver decides on it as one
 * plan: its digest ({@link PlanDigest#ofIndex}) binds the decision to every target's plan through their digests.
 */
@Serdeable
public record RunIndex(
        int schemaVersion,
        String runId,
        List<Entry> targets,
        List<FailedTarget> failedTargets,
        Totals totals) implements Validated {

    public static final int SCHEMA_VERSION = 2;

    /** One (account, region) that was collected and analyzed. */
    @Serdeable
    public record Entry(String accountId, String region, String snapshotKey, String planKey, String planDigest,
                        int functionCount, int itemCount, int applyItemCount, BigDecimal monthlySavingUsd) {
    }

    /** The entry of this (account, region), if the run collected and analyzed it. */
    public java.util.Optional<Entry> entry(String accountId, String region) {
        return targets.stream().filter(e -> e.accountId().equals(accountId) && e.region().equals(region)).findFirst();
    }

    /** One (account, region) whose child execution failed: nothing of it is in the totals. */
    @Serdeable
    public record FailedTarget(String accountId, String region, @Nullable String error, @Nullable String cause) {
    }

    /** The sums over {@link #targets()}. */
    @Serdeable
    public record Totals(int accounts, int regions, int functionCount, int itemCount, int applyItemCount,
                         BigDecimal monthlySavingUsd) {
    }

    /** The index of these entries, its totals summed from them. */
    public static RunIndex of(String runId, List<Entry> entries, List<FailedTarget> failed) {
        Totals totals = new Totals(
                (int) entries.stream().map(Entry::accountId).distinct().count(),
                (int) entries.stream().map(Entry::region).distinct().count(),
                entries.stream().mapToInt(Entry::functionCount).sum(),
                entries.stream().mapToInt(Entry::itemCount).sum(),
                entries.stream().mapToInt(Entry::applyItemCount).sum(),
                entries.stream().map(Entry::monthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
        return new RunIndex(SCHEMA_VERSION, runId, List.copyOf(entries), List.copyOf(failed), totals);
    }

    @Override
    public void validate(FieldChecks checks) {
        checks.schemaVersion(schemaVersion, SCHEMA_VERSION);
        checks.notBlank(runId, "runId");
        checks.notNull(targets, "targets");
        checks.notNull(failedTargets, "failedTargets");
        checks.notNull(totals, "totals");
        if (targets == null || totals == null || failedTargets == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            Entry e = targets.get(i);
            String at = "targets[" + i + "]";
            checks.notNull(e, at);
            if (e == null) {
                continue;
            }
            checks.notBlank(e.accountId(), at + ".accountId");
            checks.notBlank(e.region(), at + ".region");
            checks.notBlank(e.snapshotKey(), at + ".snapshotKey");
            checks.notBlank(e.planKey(), at + ".planKey");
            checks.require(DigestFormat.isWellFormed(e.planDigest()), at + ".planDigest",
                    "must be the plan's digest, sha256:<64 hex digits>");
            checks.notNull(e.monthlySavingUsd(), at + ".monthlySavingUsd");
            checks.require(e.functionCount() >= 0 && e.itemCount() >= 0 && e.applyItemCount() >= 0
                    && e.applyItemCount() <= e.itemCount(), at, "counts must be >= 0 and applyItemCount <= itemCount");
            checks.require(seen.add(e.accountId() + "/" + e.region()), at, "lists " + e.accountId() + "/" + e.region()
                    + " a second time");
        }
        for (int i = 0; i < failedTargets.size(); i++) {
            checks.notNull(failedTargets.get(i), "failedTargets[" + i + "]");
        }
        if (targets.stream().allMatch(e -> e != null && e.monthlySavingUsd() != null)) {
            RunIndex summed = of(runId, targets, List.of());
            checks.require(summed.totals().functionCount() == totals.functionCount()
                    && summed.totals().itemCount() == totals.itemCount()
                    && summed.totals().applyItemCount() == totals.applyItemCount()
                    && totals.monthlySavingUsd() != null
                    && summed.totals().monthlySavingUsd().compareTo(totals.monthlySavingUsd()) == 0,
                    "totals", "are not the sums of the targets' counts and savings");
        }
    }
}
