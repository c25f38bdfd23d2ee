package io.fleetopt.applier;

import io.micronaut.core.annotation.Nullable;

/**
 * The decision an item is applied under, as its ledger entries record it: the decision document's key, the digest of
 * the plan it approved, and its approver (a person, or {@code AUTO ...} for AutoApply's policy).
 */
public record ApprovalRef(@Nullable String decisionKey, @Nullable String planDigest, String approver) {
}
