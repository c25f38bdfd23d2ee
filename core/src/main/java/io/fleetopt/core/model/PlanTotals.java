package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.Map;

/** Counts and the estimated monthly saving, overall, by kind and by function name. */
@Serdeable
public record PlanTotals(
        int functionsAnalyzed,
        int items,
        int applyItems,
        int reportOnlyItems,
        int skippedFunctions,
        BigDecimal monthlySavingUsd,
        Map<String, BigDecimal> savingByKind,
        Map<String, BigDecimal> savingByFunction) {
}
