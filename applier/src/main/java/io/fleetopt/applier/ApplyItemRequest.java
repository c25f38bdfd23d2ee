package io.fleetopt.applier;

import io.fleetopt.core.model.ItemLine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The input of one iteration of the state machine's ApplyApproved Distributed Map: the run, the decision the state
 * carries (its key and the digest of the plan it approved, as the review endpoint handed them to SendTaskSuccess),
 * and the one line of the approved items file the Map's ItemReader read for this iteration.
 */
@Serdeable
public record ApplyItemRequest(String runId, @Nullable String decisionKey, @Nullable String planDigest, @Nullable ItemLine line) {
}
