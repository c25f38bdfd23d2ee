package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Estimated against realized savings of earlier change sets: per change set and per function, usage-normalized
 * from the functions' own metrics, reconciled with Cost Explorer; how Cost Explorer was used this run; how many
 * CloudWatch metrics the per-function usage took to read ({@code usageMetricsRead}); and the
 * week-by-week history of estimated vs realized.
 */
@Serdeable
public record SavingsReport(
        int schemaVersion,
        String runId,
        Instant generatedAt,
        List<ChangeSetSavings> changeSets,
        BigDecimal realizedMonthlyUsd,
        CostExplorerUse costExplorer,
        long usageMetricsRead,
        List<WeekSavings> weeks) {

    public static final int SCHEMA_VERSION = 2;
}
