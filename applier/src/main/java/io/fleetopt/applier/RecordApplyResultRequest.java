package io.fleetopt.applier;

import io.fleetopt.core.model.RunState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The RecordApplyResult state's input: the run, the decision (none when all was auto-approved), what AutoApply did,
 * and the Map's outcomes. AutoApply's whole answer is passed, so an empty list left out by a serializer is no gap.
 */
@Serdeable
public record RecordApplyResultRequest(
        RunState run,
        @Nullable String decisionKey,
        @Nullable AutoApplyResponse autoApplied,
        @Nullable List<MapItemOutcome> outcomes) {
}
