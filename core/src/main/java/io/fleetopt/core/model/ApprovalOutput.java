package io.fleetopt.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a decision hands the state machine (SendTaskSuccess from the review endpoint; the NothingLeftToApprove state
 * when AutoApply left nothing to ask): the Decision document's key, where its approved items are (JSON Lines, and
 * on S3 the object version the Distributed Map's ItemReader reads), the digest of the plan it approved, and how many
 * items it approved. Small whatever the fleet: the items stay in the artifact store.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApprovalOutput(
        @Nullable String decisionKey,
        @Nullable String approvedItemsKey,
        @Nullable String approvedItemsVersionId,
        @Nullable String planDigest,
        int approvedCount) {

    public static ApprovalOutput of(String decisionKey, Decision decision) {
        return new ApprovalOutput(decisionKey, decision.approvedItemsKey(), decision.approvedItemsVersionId(),
                decision.planDigest(), decision.approvedItemIds().size());
    }
}
