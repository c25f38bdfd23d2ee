package io.fleetopt.core.pricing;

import io.fleetopt.core.model.CollectionCost;
import io.fleetopt.core.model.OptimizerCost;
import io.fleetopt.core.model.RunCostAtScale;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The price of the optimizer's own use of AWS in one weekly run: the one place for those list prices (us-east-1,
 * first tier, no free tier, read off the public price pages on {@link #AS_OF}). Collection is counted from what
 * the collector really called; the run's other parts (Cost Explorer, Step Functions, the other stages' Lambda
 * time) are estimated from the plan and say so in the assumptions.
 */
public final class OptimizerPricing {

    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
    /** CloudWatch: GetMetricData, per metric requested. */
    public static final BigDecimal GET_METRIC_DATA_PER_METRIC_USD = new BigDecimal("0.00001");
    /** CloudWatch API requests (ListMetrics and the other reads), per request; applied to CloudWatch Logs reads too (the safe side). */
    public static final BigDecimal CLOUDWATCH_REQUEST_USD = new BigDecimal("0.00001");
    /** CloudWatch Logs Insights, per GB (10^9 bytes, the larger count) scanned. */
    public static final BigDecimal LOGS_INSIGHTS_PER_GB_USD = new BigDecimal("0.005");
    /** Cost Explorer API, per request. */
    public static final BigDecimal COST_EXPLORER_REQUEST_USD = new BigDecimal("0.01");
    /** Step Functions Standard workflows, per state transition. */
    public static final BigDecimal STATE_TRANSITION_USD = new BigDecimal("0.000025");
    /** Lambda arm64 (the stages' architecture), per GB-second, and per request. */
    public static final BigDecimal LAMBDA_ARM64_GB_SECOND_USD = new BigDecimal("0.0000133334");
    public static final BigDecimal LAMBDA_REQUEST_USD = new BigDecimal("0.0000002");

    /** Step Functions Express workflows (ApplyApproved's children), per request and per GB-second of their 64 MB. */
    public static final BigDecimal EXPRESS_REQUEST_USD = new BigDecimal("0.000001");
    public static final BigDecimal EXPRESS_GB_SECOND_USD = new BigDecimal("0.00001667");
    /** S3 requests on the artifact bucket (S3 Standard): PUT and GET, per request. */
    public static final BigDecimal S3_PUT_USD = new BigDecimal("0.000005");
    public static final BigDecimal S3_GET_USD = new BigDecimal("0.0000004");

    /** The fleet sizes {@link #atScale} is shown for. */
    public static final List<Integer> SCALES = List.of(1_000, 10_000, 100_000);
    /** At scale: a first run, every applicable change approved; the demo fleet proposes about two per function. */
    static final int ITEMS_PER_FUNCTION = 2;
    /** An Express child is billed for its 64 MB while its one ApplyItem runs (assumed 2 s, the LastUpdateStatus wait). */
    public static final double EXPRESS_CHILD_GB = 0.0625;
    static final double APPLY_ITEM_SECONDS = 2.0;
    static final double APPLY_ITEM_MEMORY_GB = 1.0;
    /** A Standard child of one item: its start, the ApplyItem task entered and exited, its end. */
    static final int TRANSITIONS_PER_STANDARD_CHILD = 4;
    /** The collector per function: GetFunction, ListTags, DescribeLogGroups, and its evidence written to S3. */
    static final int COLLECT_CALLS_PER_FUNCTION = 4;
    /** Metrics the collector asks GetMetricData for, per function, up to 500 metrics a call. */
    static final int METRICS_PER_FUNCTION = 8;
    static final int METRICS_PER_GET_METRIC_DATA = 500;
    /** ApplyItem per item: GetFunction, ListTags, the update, its LastUpdateStatus read; evidence GET, outcome PUT. */
    static final int LAMBDA_CALLS_PER_ITEM = 4;
    static final int S3_CALLS_PER_ITEM = 2;

    /** The CloudWatch and CloudWatch Logs read operations the collector may call, billed per request. */
    static final Set<String> CLOUDWATCH_REQUESTS = Set.of("ListMetrics", "DescribeLogGroups", "FilterLogEvents",
            "StartQuery", "GetQueryResults");
    /** The savings check of earlier changes reads Cost Explorer: before and after, per change set, at most weekly. */
    static final int COST_EXPLORER_REQUESTS_PER_RUN = 2;
    /**
     * Transitions of a run through the Standard state machine, one per state it enters on the way of an approved
     * single-account run (infra's StateMachineDefinitionTest walks that path in statemachine.asl.json); the items are
     * applied in Express children.
     */
    public static final int TRANSITIONS_PER_RUN = 21;
    static final double COLLECTOR_MEMORY_GB = 2.0;
    /** The other stages of a run (verify, analyze, approval, record, alarms, summary): invocations, seconds, GB each. */
    static final int OTHER_STAGE_INVOCATIONS = 8;
    static final double OTHER_STAGE_SECONDS = 5.0;
    static final double OTHER_STAGE_MEMORY_GB = 1.0;
    /** When the collection's duration was not measured: this many seconds per 1,000 functions. */
    static final double ASSUMED_COLLECT_SECONDS_PER_1000 = 30.0;

    private OptimizerPricing() {
    }

    /**
     * What fleetopt's own reads cost: Cost Explorer requests, CloudWatch metrics requested with GetMetricData, and
     * bytes scanned by Logs Insights, at these list prices.
     */
    public static BigDecimal ownReadsUsd(long costExplorerRequests, long metricsRequested, long logsInsightsBytesScanned) {
        return COST_EXPLORER_REQUEST_USD.multiply(BigDecimal.valueOf(costExplorerRequests))
                .add(GET_METRIC_DATA_PER_METRIC_USD.multiply(BigDecimal.valueOf(metricsRequested)))
                .add(LOGS_INSIGHTS_PER_GB_USD.multiply(BigDecimal.valueOf(logsInsightsBytesScanned))
                        .divide(BigDecimal.valueOf(1_000_000_000L), 10, RoundingMode.HALF_UP));
    }

    /** The run's own cost for {@code functions} discovered, {@code itemsApplied} items through the Map. */
    public static OptimizerCost weeklyRun(CollectionCost collection, int functions, int itemsApplied) {
        Map<String, BigDecimal> items = new LinkedHashMap<>();
        items.put("GetMetricData", GET_METRIC_DATA_PER_METRIC_USD.multiply(BigDecimal.valueOf(collection.metricQueries())));
        long requests = CLOUDWATCH_REQUESTS.stream().mapToLong(collection::calls).sum();
        items.put("CloudWatch read requests", CLOUDWATCH_REQUEST_USD.multiply(BigDecimal.valueOf(requests)));
        items.put("Logs Insights", LOGS_INSIGHTS_PER_GB_USD.multiply(BigDecimal.valueOf(collection.logsInsightsBytesScanned()))
                .divide(BigDecimal.valueOf(1_000_000_000L), 10, RoundingMode.HALF_UP));
        items.put("Cost Explorer", COST_EXPLORER_REQUEST_USD.multiply(BigDecimal.valueOf(COST_EXPLORER_REQUESTS_PER_RUN)));
        items.put("Step Functions", STATE_TRANSITION_USD.multiply(BigDecimal.valueOf(TRANSITIONS_PER_RUN))
                .add(expressChildrenUsd(itemsApplied)));
        boolean measured = collection.elapsedMs() > 0;
        double collectSeconds = measured ? collection.elapsedMs() / 1000.0 : ASSUMED_COLLECT_SECONDS_PER_1000 * functions / 1000.0;
        double gbSeconds = collectSeconds * COLLECTOR_MEMORY_GB + OTHER_STAGE_INVOCATIONS * OTHER_STAGE_SECONDS * OTHER_STAGE_MEMORY_GB
                + itemsApplied * APPLY_ITEM_SECONDS * APPLY_ITEM_MEMORY_GB;
        items.put("Lambda (its own stages)", LAMBDA_ARM64_GB_SECOND_USD.multiply(BigDecimal.valueOf(gbSeconds))
                .add(LAMBDA_REQUEST_USD.multiply(BigDecimal.valueOf(OTHER_STAGE_INVOCATIONS + 1L + itemsApplied))));
        BigDecimal total = items.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal per1000 = functions == 0 ? total
                : total.multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(functions), 6, RoundingMode.HALF_UP);
        Map<String, BigDecimal> rounded = new LinkedHashMap<>();
        items.forEach((k, v) -> rounded.put(k, v.setScale(6, RoundingMode.HALF_UP)));
        return new OptimizerCost(total.setScale(6, RoundingMode.HALF_UP), per1000, functions, rounded, assumptionsOf(
                measured, collectSeconds), SCALES.stream().map(OptimizerPricing::atScale).toList());
    }

    /**
     * One weekly run estimated on a fleet of {@code functions}: a first run, every change approved
     * ({@link #ITEMS_PER_FUNCTION} per function), ApplyApproved's children as Express workflows (and, for comparison,
     * what they would cost as Standard ones), the stages' Lambda time and the AWS calls, at these list prices.
     */
    public static RunCostAtScale atScale(int functions) {
        long items = (long) functions * ITEMS_PER_FUNCTION;
        long transitions = TRANSITIONS_PER_RUN;
        BigDecimal parent = STATE_TRANSITION_USD.multiply(BigDecimal.valueOf(transitions));
        BigDecimal express = expressChildrenUsd(items);
        BigDecimal standard = STATE_TRANSITION_USD.multiply(BigDecimal.valueOf(items * TRANSITIONS_PER_STANDARD_CHILD));
        double gbSeconds = ASSUMED_COLLECT_SECONDS_PER_1000 * functions / 1000.0 * COLLECTOR_MEMORY_GB
                + items * APPLY_ITEM_SECONDS * APPLY_ITEM_MEMORY_GB
                + OTHER_STAGE_INVOCATIONS * OTHER_STAGE_SECONDS * OTHER_STAGE_MEMORY_GB;
        long metricCalls = ((long) functions * METRICS_PER_FUNCTION + METRICS_PER_GET_METRIC_DATA - 1) / METRICS_PER_GET_METRIC_DATA;
        long apiCalls = (long) functions * COLLECT_CALLS_PER_FUNCTION + metricCalls
                + items * (LAMBDA_CALLS_PER_ITEM + S3_CALLS_PER_ITEM) + COST_EXPLORER_REQUESTS_PER_RUN;
        BigDecimal calls = GET_METRIC_DATA_PER_METRIC_USD.multiply(BigDecimal.valueOf((long) functions * METRICS_PER_FUNCTION))
                .add(S3_PUT_USD.multiply(BigDecimal.valueOf(functions + items)))
                .add(S3_GET_USD.multiply(BigDecimal.valueOf(items)))
                .add(COST_EXPLORER_REQUEST_USD.multiply(BigDecimal.valueOf(COST_EXPLORER_REQUESTS_PER_RUN)));
        BigDecimal lambda = LAMBDA_ARM64_GB_SECOND_USD.multiply(BigDecimal.valueOf(gbSeconds))
                .add(LAMBDA_REQUEST_USD.multiply(BigDecimal.valueOf(OTHER_STAGE_INVOCATIONS + 1L + items)));
        BigDecimal total = parent.add(express).add(lambda).add(calls);
        return new RunCostAtScale(functions, items, transitions, express.setScale(6, RoundingMode.HALF_UP),
                standard.setScale(6, RoundingMode.HALF_UP), Math.round(gbSeconds), apiCalls, total.setScale(6, RoundingMode.HALF_UP));
    }

    /** ApplyApproved's children: one Express workflow per item, billed per request and for its 64 MB while it runs. */
    private static BigDecimal expressChildrenUsd(long items) {
        return EXPRESS_REQUEST_USD.multiply(BigDecimal.valueOf(items)).add(EXPRESS_GB_SECOND_USD
                .multiply(BigDecimal.valueOf(items * EXPRESS_CHILD_GB * APPLY_ITEM_SECONDS)));
    }

    private static List<String> assumptionsOf(boolean measured, double collectSeconds) {
        return List.of(
                "list prices of us-east-1 as of " + AS_OF + ", first tier, no free tier",
                "collection: the calls the collector made" + (measured
                        ? String.format(java.util.Locale.ROOT, ", %.0f s at %.0f GB", collectSeconds, COLLECTOR_MEMORY_GB)
                        : String.format(java.util.Locale.ROOT, ", its Lambda time assumed %.0f s per 1,000 functions", ASSUMED_COLLECT_SECONDS_PER_1000)),
                "assumed: " + COST_EXPLORER_REQUESTS_PER_RUN + " Cost Explorer requests, " + TRANSITIONS_PER_RUN
                        + " state transitions of the run plus one Express child per item applied ("
                        + (int) APPLY_ITEM_SECONDS + " s at 64 MB, and its ApplyItem at 1 GB), "
                        + OTHER_STAGE_INVOCATIONS + " other stage invocations of " + (int) OTHER_STAGE_SECONDS + " s at 1 GB");
    }

    /** Dollars as text with enough digits for cents of cents ("$0.0123"). */
    public static String usd(BigDecimal amount) {
        return "$" + amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
