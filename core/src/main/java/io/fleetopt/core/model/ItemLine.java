package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One line of a run's items file (JSON Lines in the artifact store): one applicable item of the plan whose digest is
 * {@code planDigest}, with the digest of the item itself ({@link PlanDigest#ofItem}). Analyze writes every applicable
 * item this way ({@code decisionKey} and {@code approver} null); a decision (the review page, the terminal prompt,
 * AutoApply's policy) writes the subset it approves, naming itself and its approver. A Distributed Map iteration
 * reads exactly one line, so the line carries what its ledger entries record.
 */
@Serdeable
public record ItemLine(
        int schemaVersion,
        String runId,
        String planDigest,
        String itemDigest,
        @Nullable String decisionKey,
        @Nullable String approver,
        Recommendation item) {

    public static final int SCHEMA_VERSION = 1;

    /** The line of an item of a plan, not yet approved by anyone. */
    public static ItemLine planned(String runId, String planDigest, Recommendation item) {
        return new ItemLine(SCHEMA_VERSION, runId, planDigest, PlanDigest.ofItem(item), null, null, item);
    }

    /** The same line, approved by {@code decisionKey}'s {@code approver}. */
    public ItemLine approvedBy(String decisionKeyOfApproval, String approverOfDecision) {
        return new ItemLine(schemaVersion, runId, planDigest, itemDigest, decisionKeyOfApproval, approverOfDecision, item);
    }
}
