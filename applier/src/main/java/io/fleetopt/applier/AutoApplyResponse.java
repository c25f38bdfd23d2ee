package io.fleetopt.applier;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What AutoApply passes on: the items it applied by policy, and how many still need a person's approval. */
@Serdeable
public record AutoApplyResponse(List<String> itemIds, int pendingApprovalCount) {
}
