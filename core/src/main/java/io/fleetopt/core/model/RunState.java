package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/**
 * The small state the weekly state machine passes between stages: ids, artifact keys, counts and totals.
 * Documents stay in the artifact store, because a state's payload is capped at 256 KiB.
 */
@Serdeable
public record RunState(
        String runId,
        @Nullable String snapshotKey,
        @Nullable String planKey,
        @Nullable String decisionKey,
        @Nullable String resultKey,
        int functionCount,
        int itemCount,
        int applyItemCount,
        @Nullable BigDecimal monthlySavingUsd) {

    public static RunState start(String runId) {
        return new RunState(runId, null, null, null, null, 0, 0, 0, null);
    }

    public RunState withSnapshot(String key, int functions) {
        return new RunState(runId, key, planKey, decisionKey, resultKey, functions, itemCount, applyItemCount, monthlySavingUsd);
    }

    public RunState withPlan(String key, int items, int applyItems, BigDecimal savingUsd) {
        return new RunState(runId, snapshotKey, key, decisionKey, resultKey, functionCount, items, applyItems, savingUsd);
    }

    public RunState withDecision(String key) {
        return new RunState(runId, snapshotKey, planKey, key, resultKey, functionCount, itemCount, applyItemCount, monthlySavingUsd);
    }

    public RunState withResult(String key) {
        return new RunState(runId, snapshotKey, planKey, decisionKey, key, functionCount, itemCount, applyItemCount, monthlySavingUsd);
    }
}
