package io.fleetopt.applier;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What AutoApply passes on: the items it applied by policy, and how many still need a person's approval. Written
 * in full (an empty list too): the state machine reads {@code itemIds} by path.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AutoApplyResponse(@Nullable List<String> itemIds, int pendingApprovalCount) {
}
