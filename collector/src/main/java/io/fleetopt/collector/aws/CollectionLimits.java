package io.fleetopt.collector.aws;

import java.time.Duration;

/**
 * The bounds of one collection: how many calls run at once, how long the whole run may take, how many GB
 * Logs Insights may scan (estimated from the log groups' stored bytes), how many FilterLogEvents calls may read
 * REPORT lines, and the evidence that makes a function worth its per-function calls.
 *
 * @param parallelism              calls in flight at once
 * @param timeBudget               the whole run's bound; what is not collected by then is unknown, with a warning
 * @param logsInsightsBudgetGb     the most Logs Insights may scan, in GB (0: Logs Insights is not used)
 * @param filterLogEventsBudget    the most FilterLogEvents calls a run makes to read REPORT lines; a function it
 *                                 cannot pay for is named in the snapshot as not reached
 * @param scanPages                pages of one function's REPORT lines read before settling for a spread sample
 * @param minInvocationsForDetails invocations over the lookback that make a function's reserved concurrency worth a call
 * @param queryPollInitial         the first wait before polling a Logs Insights query (doubles up to 5 s)
 */
public record CollectionLimits(
        int parallelism,
        Duration timeBudget,
        double logsInsightsBudgetGb,
        long filterLogEventsBudget,
        int scanPages,
        long minInvocationsForDetails,
        Duration queryPollInitial) {

    public static final int MIN_DAYS_FOR_DETAILS = 7;
    public static final String FILTER_LOG_EVENTS_BUDGET_KEY = "filter-log-events-budget";

    /**
     * Defaults sized so that a weekly run of the realistic 10,000-function benchmark stays under $0.05 per 1,000
     * functions (Logs Insights at $0.005/GB: 25 GB is $0.125; 5,000 FilterLogEvents priced as CloudWatch requests, $0.05).
     */
    public static CollectionLimits defaults() {
        return new CollectionLimits(4, Duration.ofMinutes(12), 25.0, 5_000, 5, 50, Duration.ofMillis(500));
    }

    public CollectionLimits {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be between 1 and 64, got " + parallelism);
        }
        if (logsInsightsBudgetGb < 0) {
            throw new IllegalArgumentException("the Logs Insights budget must not be negative, got " + logsInsightsBudgetGb);
        }
        if (filterLogEventsBudget < 0 || scanPages < 1) {
            throw new IllegalArgumentException("fleetopt.collector." + FILTER_LOG_EVENTS_BUDGET_KEY + " must not be negative (got "
                    + filterLogEventsBudget + ") and scan pages at least 1 (got " + scanPages + ")");
        }
    }

    public long logsInsightsBudgetBytes() {
        return (long) (logsInsightsBudgetGb * 1_000_000_000L);
    }

    public CollectionLimits withTimeBudget(Duration budget) {
        return new CollectionLimits(parallelism, budget, logsInsightsBudgetGb, filterLogEventsBudget, scanPages, minInvocationsForDetails, queryPollInitial);
    }

    public CollectionLimits withLogsInsightsBudgetGb(double gb) {
        return new CollectionLimits(parallelism, timeBudget, gb, filterLogEventsBudget, scanPages, minInvocationsForDetails, queryPollInitial);
    }

    public CollectionLimits withQueryPollInitial(Duration initial) {
        return new CollectionLimits(parallelism, timeBudget, logsInsightsBudgetGb, filterLogEventsBudget, scanPages, minInvocationsForDetails, initial);
    }

    public CollectionLimits withFilterLogEventsBudget(long calls, int pagesPerFunction) {
        return new CollectionLimits(parallelism, timeBudget, logsInsightsBudgetGb, calls, pagesPerFunction, minInvocationsForDetails, queryPollInitial);
    }

    public CollectionLimits withParallelism(int threads) {
        return new CollectionLimits(threads, timeBudget, logsInsightsBudgetGb, filterLogEventsBudget, scanPages, minInvocationsForDetails, queryPollInitial);
    }
}
