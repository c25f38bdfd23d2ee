package io.fleetopt.notifier.report;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.CostExplorerUse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The weekly report a FinOps reviewer reads, as data: the headline numbers, estimated vs realized by week, each
 * earlier change set with its functions, what is pending, and how the figures were read. Rendered as HTML,
 * Markdown and this JSON. A run over member accounts has no one plan: {@code pending} is null and {@code accounts}
 * holds its figures per account and region (null for a run over the one account).
 */
@Serdeable
public record WeeklyReport(
        int schemaVersion,
        String runId,
        String account,
        Instant generatedAt,
        Headline headline,
        List<WeekPoint> weeks,
        List<ChangeSetSavings> changeSets,
        @Nullable Pending pending,
        CostExplorerUse costExplorer,
        OwnCost ownCost,
        @Nullable AccountSections accounts) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * {@code realizedMonthlyUsd}: what the change sets checked this week save, at this week's traffic;
     * {@code justAppliedMonthlyUsd}: the estimate of what this run applied; {@code cumulativeRealizedMonthlyUsd}: the
     * latest realized figure of every change set measured since the first run, added up.
     */
    @Serdeable
    public record Headline(
            BigDecimal realizedMonthlyUsd,
            int changeSetsChecked,
            BigDecimal justAppliedMonthlyUsd,
            int justAppliedChanges,
            BigDecimal cumulativeRealizedMonthlyUsd,
            int changeSetsMeasured,
            BigDecimal ownCostUsd) {
    }

    /** One week (starting Monday) of the history: estimated when applied, realized as last measured (null: not yet). */
    @Serdeable
    public record WeekPoint(LocalDate weekOf, int changes, BigDecimal estimatedMonthlyUsd, @Nullable BigDecimal realizedMonthlyUsd) {
    }

    /** What is waiting on people: changes not approved in this run, and findings only their owners can act on. */
    @Serdeable
    public record Pending(int notApproved, BigDecimal notApprovedMonthlyUsd, int findings, BigDecimal findingsMonthlyUsd,
                          List<PendingItem> items) {
    }

    @Serdeable
    public record PendingItem(String functionName, String kind, String change, String why, BigDecimal monthlySavingUsd,
                              boolean finding) {
    }

    /** fleetopt's own reads this run, at list prices; its Lambda and Step Functions time is not included. */
    @Serdeable
    public record OwnCost(int costExplorerRequests, long metricsRequested, long logsInsightsBytesScanned, BigDecimal usd) {
    }
}
