package io.fleetopt.notifier.approval;

import io.micronaut.core.annotation.Nullable;

/** A run's pending approval and, once taken, its decision. */
public record ApprovalRecord(PendingApproval pending, @Nullable DecisionTaken decision) {
}
