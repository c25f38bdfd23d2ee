package io.fleetopt.core.model;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * The analyzer's proposal: what to change, what only to report, which functions it left alone and why, and one
 * verdict per function of the snapshot (items, left alone, nothing to change), so every function is accounted
 * for. {@code optimizerCost} is what the run itself costs in the account.
 */
@Serdeable
public record Plan(
        int schemaVersion,
        String runId,
        Instant createdAt,
        List<Recommendation> items,
        List<SkippedFunction> skipped,
        PlanTotals totals,
        List<String> warnings,
        List<FunctionVerdict> verdicts,
        @Nullable OptimizerCost optimizerCost) {

    public static final int SCHEMA_VERSION = 1;

    @Creator
    public Plan {
    }

    public Plan(int schemaVersion, String runId, Instant createdAt, List<Recommendation> items, List<SkippedFunction> skipped,
                PlanTotals totals, List<String> warnings) {
        this(schemaVersion, runId, createdAt, items, skipped, totals, warnings, List.of(), null);
    }

    public List<Recommendation> applicableItems() {
        return items.stream().filter(i -> i.action() == Action.APPLY).toList();
    }

    public long count(Verdict verdict) {
        return verdicts.stream().filter(v -> v.verdict() == verdict).count();
    }

    public long evidenceUnavailable() {
        return verdicts.stream().filter(v -> v.evidenceUnavailable() != null).count();
    }
}
