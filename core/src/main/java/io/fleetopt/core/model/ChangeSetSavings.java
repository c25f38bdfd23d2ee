package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One earlier run's changes: what was estimated, and what the cost history shows, normalized to the same
 * traffic (cost per million invocations before and after, times the after-period volume).
 */
@Serdeable
public record ChangeSetSavings(
        String runId,
        LocalDate appliedOn,
        int changes,
        BigDecimal estimatedMonthlyUsd,
        BigDecimal realizedMonthlyUsd,
        BigDecimal costPerMillionBeforeUsd,
        BigDecimal costPerMillionAfterUsd,
        int daysCompared,
        Confidence confidence,
        String explanation) {
}
