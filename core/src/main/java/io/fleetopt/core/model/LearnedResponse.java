package io.fleetopt.core.model;

import io.fleetopt.core.pricing.DurationModel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What one memory change fleetopt made taught about the function: its duration (average, p50, p99) and billed cost
 * per million invocations before and after the change, and the part of its duration that scales with 1/vCPU fitted
 * from them ({@code cpuShare}, stated at {@code memoryBeforeMb}, with its standard error and a confidence).
 *
 * @param endedOn the day the measured span ended early (a rollback or a later change), null when it did not
 */
@Serdeable
public record LearnedResponse(
        String functionArn,
        String functionName,
        String runId,
        String itemId,
        LocalDate changedOn,
        int memoryBeforeMb,
        int memoryAfterMb,
        FunctionUsage before,
        FunctionUsage after,
        BigDecimal costPerMillionBeforeUsd,
        BigDecimal costPerMillionAfterUsd,
        double cpuShare,
        double cpuShareStdError,
        Confidence confidence,
        @Nullable LocalDate endedOn) {

    /** The function's duration model as measured, stated at the memory it is configured with now. */
    public DurationModel modelAt(int memoryMb) {
        return new DurationModel(cpuShare, memoryBeforeMb).at(memoryMb);
    }

    /** "40 % of duration scales with CPU, from the change of 2026-11-02" */
    public String describe() {
        return Math.round(cpuShare * 100) + " % of duration scales with CPU, from the change of " + changedOn
                + " (" + memoryBeforeMb + " -> " + memoryAfterMb + " MB, confidence " + confidence + ")";
    }
}
