package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** The analyzer's proposal: what to change, what only to report, and which functions it left alone and why. */
@Serdeable
public record Plan(
        int schemaVersion,
        String runId,
        Instant createdAt,
        List<Recommendation> items,
        List<SkippedFunction> skipped,
        PlanTotals totals,
        List<String> warnings) {

    public static final int SCHEMA_VERSION = 1;

    public List<Recommendation> applicableItems() {
        return items.stream().filter(i -> i.action() == Action.APPLY).toList();
    }
}
