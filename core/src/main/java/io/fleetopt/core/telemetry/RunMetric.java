package io.fleetopt.core.telemetry;

/**
 * The metrics a weekly run publishes about itself (CloudWatch namespace {@value StageMetrics#NAMESPACE}, dimension
 * {@code Stage}): each with its CloudWatch unit. Money is in USD, CloudWatch unit {@code None}.
 */
public enum RunMetric {
    FUNCTIONS_COLLECTED("FunctionsCollected", "Count"),
    EVIDENCE_UNAVAILABLE("EvidenceUnavailable", "Count"),
    ITEMS_PLANNED("ItemsPlanned", "Count"),
    ITEMS_TO_APPROVE("ItemsToApprove", "Count"),
    ITEMS_APPROVED("ItemsApproved", "Count"),
    ITEMS_APPLIED("ItemsApplied", "Count"),
    ITEMS_FAILED("ItemsFailed", "Count"),
    ITEMS_SKIPPED_BY_GUARD("ItemsSkippedByGuard", "Count"),
    ITEMS_SKIPPED_DRIFT("ItemsSkippedDrift", "Count"),
    ESTIMATED_MONTHLY_SAVINGS_USD("EstimatedMonthlySavingsUsd", "None"),
    REALIZED_MONTHLY_SAVINGS_USD("RealizedMonthlySavingsUsd", "None"),
    RUN_COST_USD("RunCostUsd", "None"),
    STAGE_DURATION_MS("StageDurationMs", "Milliseconds"),
    STAGE_FAILED("StageFailed", "Count");

    private final String metricName;
    private final String unit;

    RunMetric(String metricName, String unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    /** The metric's name in CloudWatch. */
    public String metricName() {
        return metricName;
    }

    /** Its CloudWatch unit. */
    public String unit() {
        return unit;
    }
}
