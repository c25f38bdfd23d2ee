package io.fleetopt.applier;

import io.fleetopt.core.model.RunState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The RecordApplyResult state's input: the run, the decision (none when all was auto-approved), and the outcomes. */
@Serdeable
public record RecordApplyResultRequest(
        RunState run,
        @Nullable String decisionKey,
        @Nullable List<String> autoAppliedItemIds,
        @Nullable List<MapItemOutcome> outcomes) {
}
