package io.fleetopt.applier;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fleetopt.core.model.ApprovalOutput;
import io.fleetopt.core.model.Decision;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What AutoApply passes on: the reference of the decision the account's policy took (the same fields SendTaskSuccess
 * carries for a person's decision: its key, where its approved items are as JSON Lines and at which version, the digest
 * of the plan it approved, how many items it approved; all null and 0 when the policy approved nothing), and how many
 * items still need a person's approval. The same size whatever the plan: the items stay in the artifact store, and
 * ApplyAutoApproved's Distributed Map reads them from there. Written in full (nulls too): the state machine reads
 * the fields by path.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AutoApplyResponse(@Nullable String decisionKey,
                                @Nullable String approvedItemsKey,
                                @Nullable String approvedItemsVersionId,
                                @Nullable String planDigest,
                                int approvedCount,
                                int pendingApprovalCount) {

    /** The policy approved nothing: {@code pending} items are left for a person. */
    public static AutoApplyResponse nothingApproved(int pending) {
        return new AutoApplyResponse(null, null, null, null, 0, pending);
    }

    public static AutoApplyResponse of(String decisionKey, Decision decision, int pending) {
        return new AutoApplyResponse(decisionKey, decision.approvedItemsKey(), decision.approvedItemsVersionId(),
                decision.planDigest(), decision.approvedItemIds().size(), pending);
    }

    /** The policy's decision as a decision's output, the way ApplyApproved's Map reads a person's. */
    public ApprovalOutput approval() {
        return new ApprovalOutput(decisionKey, approvedItemsKey, approvedItemsVersionId, planDigest, approvedCount);
    }
}
