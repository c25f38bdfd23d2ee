package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/**
 * A memory change fleetopt made whose response could not be measured yet (too few invocations or hours since), so
 * the next plan does not take a further blind step on that function.
 */
@Serdeable
public record PendingMeasurement(
        String functionArn,
        String functionName,
        String runId,
        LocalDate changedOn,
        int memoryBeforeMb,
        int memoryAfterMb,
        String reason) {
}
