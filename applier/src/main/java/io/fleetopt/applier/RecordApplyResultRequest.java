package io.fleetopt.applier;

import io.fleetopt.core.model.ApprovalOutput;
import io.fleetopt.core.model.RunState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The RecordApplyResult state's input: the run, a person's decision (none when all was auto-approved), the decision
 * AutoApply took by policy ({@code autoApproval}, its reference only), and the outputs of the two Distributed Maps
 * that applied them (where each ResultWriter put its manifest; none when that Map did not run): ApplyAutoApproved
 * ({@code autoApplied}) and ApplyApproved ({@code applied}). No list of items: they are read from the store.
 */
@Serdeable
public record RecordApplyResultRequest(
        RunState run,
        @Nullable ApprovalOutput approval,
        @Nullable AutoApplyResponse autoApproval,
        @Nullable MapRunOutput autoApplied,
        @Nullable MapRunOutput applied) {
}
