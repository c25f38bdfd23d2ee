package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One week's change set in the history: applied on {@code appliedOn}, estimated when applied, and realized as last
 * measured (null until it is a week old).
 */
@Serdeable
public record WeekSavings(
        String runId,
        LocalDate appliedOn,
        int changes,
        BigDecimal estimatedMonthlyUsd,
        @Nullable BigDecimal realizedMonthlyUsd,
        @Nullable Confidence confidence) {
}
