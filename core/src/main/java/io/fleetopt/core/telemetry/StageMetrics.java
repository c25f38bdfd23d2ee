package io.fleetopt.core.telemetry;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.SavingsReport;

import java.util.EnumMap;
import java.util.Map;

/**
 * The metrics of one stage invocation, taken from the documents the stage writes (every document goes through
 * {@link io.fleetopt.core.json.DocumentCodec#write}), so a stage needs no code of its own to publish them: a snapshot
 * gives the functions collected and those whose evidence was unavailable, a plan its items, estimated saving and the
 * run's own AWS cost, a decision the items approved, an apply result its outcomes, a savings report the realized
 * saving. The stage handler adds the duration and publishes them as one EMF line ({@link EmfLine}) when the
 * invocation ends. One invocation at a time, as Lambda runs a handler.
 */
public final class StageMetrics {

    public static final String NAMESPACE = "fleetopt";

    private final Map<RunMetric, Number> values = new EnumMap<>(RunMetric.class);

    /** Records (or replaces) a metric of this invocation. */
    public synchronized void record(RunMetric metric, Number value) {
        values.put(metric, value);
    }

    /** Takes what a stage's document says about the run. */
    public void documentWritten(Object document) {
        switch (document) {
            case FleetSnapshot snapshot -> {
                record(RunMetric.FUNCTIONS_COLLECTED, snapshot.functions().size());
                record(RunMetric.EVIDENCE_UNAVAILABLE, snapshot.functions().stream()
                        .filter(f -> f.metrics() != null && f.metrics().evidenceUnavailable() != null).count());
            }
            case Plan plan -> {
                record(RunMetric.ITEMS_PLANNED, plan.items().size());
                record(RunMetric.ITEMS_TO_APPROVE, plan.applicableItems().size());
                record(RunMetric.ESTIMATED_MONTHLY_SAVINGS_USD, plan.totals().monthlySavingUsd());
                if (plan.optimizerCost() != null) {
                    record(RunMetric.RUN_COST_USD, plan.optimizerCost().totalUsd());
                }
            }
            case Decision decision -> record(RunMetric.ITEMS_APPROVED, decision.approvedItemIds().size());
            case ApplyResult result -> {
                record(RunMetric.ITEMS_APPLIED, result.count(ApplyStatus.APPLIED));
                record(RunMetric.ITEMS_FAILED, result.count(ApplyStatus.FAILED));
                record(RunMetric.ITEMS_SKIPPED_BY_GUARD, result.count(ApplyStatus.SKIPPED_GUARD));
                record(RunMetric.ITEMS_SKIPPED_DRIFT, result.count(ApplyStatus.SKIPPED_DRIFT));
            }
            case SavingsReport report -> record(RunMetric.REALIZED_MONTHLY_SAVINGS_USD, report.realizedMonthlyUsd());
            default -> {
                // other documents (an item's outcome, the auto-applied list, a report) carry no run metric
            }
        }
    }

    /** This invocation's metrics so far, and starts the next invocation empty. */
    public synchronized Map<RunMetric, Number> drain() {
        Map<RunMetric, Number> drained = new EnumMap<>(RunMetric.class);
        drained.putAll(values);
        values.clear();
        return drained;
    }
}
