package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * What an approver decided about a plan's items. {@code planDigest} binds the decision to the exact plan the
 * approver saw ({@link PlanDigest}): a plan changed afterwards is not the plan that was approved. Where the
 * decision came from the review page, {@code sourceIp} and {@code userAgent} say from where; at a terminal
 * they are null.
 */
@Serdeable
public record Decision(
        int schemaVersion,
        String runId,
        String planDigest,
        List<String> approvedItemIds,
        List<String> rejectedItemIds,
        String approver,
        Instant decidedAt,
        @Nullable String sourceIp,
        @Nullable String userAgent) {

    public static final int SCHEMA_VERSION = 2;

    /** A decision taken where no network address applies (the terminal, a test). */
    public static Decision of(Plan plan, List<String> approvedItemIds, List<String> rejectedItemIds, String approver,
                              Instant decidedAt) {
        return new Decision(SCHEMA_VERSION, plan.runId(), PlanDigest.of(plan), approvedItemIds, rejectedItemIds,
                approver, decidedAt, null, null);
    }
}
