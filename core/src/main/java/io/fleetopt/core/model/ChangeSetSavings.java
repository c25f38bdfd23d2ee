package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One earlier run's changes: what was estimated, and what they save at this week's traffic, measured per function
 * from its usage before the change and this week ({@code functions}), priced with the plan's prices. The Cost
 * Explorer figure ({@code costExplorerMonthlyUsd}, from the account's Lambda cost per million requests before and
 * after) is the cross-check; null when Cost Explorer had no data. {@code confidenceNotes} say, in plain words,
 * why the confidence is what it is.
 */
@Serdeable
public record ChangeSetSavings(
        String runId,
        LocalDate appliedOn,
        int changes,
        BigDecimal estimatedMonthlyUsd,
        BigDecimal realizedMonthlyUsd,
        @Nullable BigDecimal costExplorerMonthlyUsd,
        @Nullable BigDecimal costPerMillionBeforeUsd,
        @Nullable BigDecimal costPerMillionAfterUsd,
        DateRange before,
        DateRange after,
        int daysCompared,
        Confidence confidence,
        String explanation,
        List<String> confidenceNotes,
        List<FunctionSavings> functions) {
}
