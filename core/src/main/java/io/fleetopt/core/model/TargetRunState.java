package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/**
 * The small state of one child execution of the {@code CollectAndAnalyzeEachTarget} Distributed Map: the run, its
 * (account, region), the keys of that target's snapshot and plan, and their counts. What the Map's ResultWriter
 * collects, and what {@code IndexRun} turns into the run's {@link RunIndex}.
 */
@Serdeable
public record TargetRunState(
        String runId,
        CollectTarget target,
        @Nullable String snapshotKey,
        @Nullable String planKey,
        int functionCount,
        int itemCount,
        int applyItemCount,
        @Nullable BigDecimal monthlySavingUsd,
        @Nullable String planDigest) {

    public static TargetRunState start(String runId, CollectTarget target) {
        return new TargetRunState(runId, target, null, null, 0, 0, 0, null, null);
    }

    public TargetRunState withSnapshot(String key, int functions) {
        return new TargetRunState(runId, target, key, planKey, functions, itemCount, applyItemCount, monthlySavingUsd, planDigest);
    }

    public TargetRunState withPlan(String key, String digest, int items, int applyItems, BigDecimal savingUsd) {
        return new TargetRunState(runId, target, snapshotKey, key, functionCount, items, applyItems, savingUsd, digest);
    }
}
