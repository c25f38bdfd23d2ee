package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * What an approver decided about a plan's items. {@code planDigest} binds the decision to the exact plan the
 * approver saw ({@link PlanDigest}): a plan changed afterwards is not the plan that was approved; on S3,
 * {@code planVersionId} pins the object version that was shown. The approved items are also written as JSON Lines
 * ({@link ItemLine}) at {@code approvedItemsKey}, with the digest of that file and, on S3, its object version: the
 * Distributed Map reads exactly that version. Where the decision came from the review page, {@code sourceIp} and
 * {@code userAgent} say from where; at a terminal they are null.
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
        @Nullable String userAgent,
        @Nullable String planVersionId,
        @Nullable String approvedItemsKey,
        @Nullable String approvedItemsDigest,
        @Nullable String approvedItemsVersionId) {

    public static final int SCHEMA_VERSION = 3;

    /** The approver of a decision AutoApply takes by the account's policy begins so. */
    public static final String AUTO_APPROVER = "AUTO";

    /** A decision not yet tied to its items file ({@link #withApprovedItems}). */
    public Decision(int schemaVersion, String runId, String planDigest, List<String> approvedItemIds,
                    List<String> rejectedItemIds, String approver, Instant decidedAt, @Nullable String sourceIp,
                    @Nullable String userAgent) {
        this(schemaVersion, runId, planDigest, approvedItemIds, rejectedItemIds, approver, decidedAt, sourceIp, userAgent,
                null, null, null, null);
    }

    /** A decision taken where no network address applies (the terminal, a test). */
    public static Decision of(Plan plan, List<String> approvedItemIds, List<String> rejectedItemIds, String approver,
                              Instant decidedAt) {
        return new Decision(SCHEMA_VERSION, plan.runId(), PlanDigest.of(plan), approvedItemIds, rejectedItemIds,
                approver, decidedAt, null, null);
    }

    /** The same decision, pinned to the plan version it was shown and to the items file it wrote. */
    public Decision withApprovedItems(@Nullable String shownPlanVersionId, String itemsKey, String itemsDigest,
                                      @Nullable String itemsVersionId) {
        return new Decision(schemaVersion, runId, planDigest, approvedItemIds, rejectedItemIds, approver, decidedAt,
                sourceIp, userAgent, shownPlanVersionId, itemsKey, itemsDigest, itemsVersionId);
    }
}
