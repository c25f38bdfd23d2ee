package io.fleetopt.applier;

import io.fleetopt.core.model.ApprovalOutput;
import io.fleetopt.core.model.RunState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The RecordApplyResult state's input: the run, the decision's output (none when all was auto-approved), what
 * AutoApply did, and the ApplyApproved Distributed Map's output (where its ResultWriter put the manifest; none when
 * the Map did not run). AutoApply's whole answer is passed, so an empty list left out by a serializer is no gap.
 */
@Serdeable
public record RecordApplyResultRequest(
        RunState run,
        @Nullable ApprovalOutput approval,
        @Nullable AutoApplyResponse autoApplied,
        @Nullable MapRunOutput applied) {
}
