package io.fleetopt.core.pricing;

import io.fleetopt.core.model.CollectionCost;
import io.fleetopt.core.model.OptimizerCost;

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

    /** The CloudWatch and CloudWatch Logs read operations the collector may call, billed per request. */
    static final Set<String> CLOUDWATCH_REQUESTS = Set.of("ListMetrics", "DescribeLogGroups", "FilterLogEvents",
            "StartQuery", "GetQueryResults");
    /** The savings check of earlier changes reads Cost Explorer: before and after, per change set, at most weekly. */
    static final int COST_EXPLORER_REQUESTS_PER_RUN = 2;
    /** Transitions of a run through the state machine without items, and per item applied (Map iteration). */
    static final int TRANSITIONS_PER_RUN = 16;
    static final int TRANSITIONS_PER_ITEM = 4;
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
        items.put("Step Functions", STATE_TRANSITION_USD.multiply(BigDecimal.valueOf(
                TRANSITIONS_PER_RUN + (long) TRANSITIONS_PER_ITEM * itemsApplied)));
        boolean measured = collection.elapsedMs() > 0;
        double collectSeconds = measured ? collection.elapsedMs() / 1000.0 : ASSUMED_COLLECT_SECONDS_PER_1000 * functions / 1000.0;
        double gbSeconds = collectSeconds * COLLECTOR_MEMORY_GB + OTHER_STAGE_INVOCATIONS * OTHER_STAGE_SECONDS * OTHER_STAGE_MEMORY_GB;
        items.put("Lambda (its own stages)", LAMBDA_ARM64_GB_SECOND_USD.multiply(BigDecimal.valueOf(gbSeconds))
                .add(LAMBDA_REQUEST_USD.multiply(BigDecimal.valueOf(OTHER_STAGE_INVOCATIONS + 1L + itemsApplied))));
        BigDecimal total = items.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal per1000 = functions == 0 ? total
                : total.multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(functions), 6, RoundingMode.HALF_UP);
        Map<String, BigDecimal> rounded = new LinkedHashMap<>();
        items.forEach((k, v) -> rounded.put(k, v.setScale(6, RoundingMode.HALF_UP)));
        return new OptimizerCost(total.setScale(6, RoundingMode.HALF_UP), per1000, functions, rounded, List.of(
                "list prices of us-east-1 as of " + AS_OF + ", first tier, no free tier",
                "collection: the calls the collector made" + (measured
                        ? String.format(java.util.Locale.ROOT, ", %.0f s at %.0f GB", collectSeconds, COLLECTOR_MEMORY_GB)
                        : String.format(java.util.Locale.ROOT, ", its Lambda time assumed %.0f s per 1,000 functions", ASSUMED_COLLECT_SECONDS_PER_1000)),
                "assumed: " + COST_EXPLORER_REQUESTS_PER_RUN + " Cost Explorer requests, " + TRANSITIONS_PER_RUN
                        + " state transitions plus " + TRANSITIONS_PER_ITEM + " per item applied, "
                        + OTHER_STAGE_INVOCATIONS + " other stage invocations of " + (int) OTHER_STAGE_SECONDS + " s at 1 GB"));
    }

    /** Dollars as text with enough digits for cents of cents ("$0.0123"). */
    public static String usd(BigDecimal amount) {
        return "$" + amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
