package io.fleetopt.applier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The input of one iteration of the state machine's ApplyApproved Map: which item of which plan and decision. */
@Serdeable
public record ApplyItemRequest(String runId, String planKey, @Nullable String decisionKey, String itemId) {
}
