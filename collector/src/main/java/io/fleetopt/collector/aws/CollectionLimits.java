package io.fleetopt.collector.aws;

import java.time.Duration;

/**
 * The bounds of one collection: how many calls run at once, how long the whole run may take, how many GB
 * Logs Insights may scan (estimated from the log groups' stored bytes), how many functions may be sampled one
 * by one, and the evidence that makes a function worth its per-function calls.
 *
 * @param parallelism              calls in flight at once
 * @param timeBudget               the whole run's bound; what is not collected by then is unknown, with a warning
 * @param logsInsightsBudgetGb     the most Logs Insights may scan, in GB (0: Logs Insights is not used)
 * @param maxSampledFunctions      the most functions whose REPORT lines are sampled with FilterLogEvents
 * @param minInvocationsForDetails invocations over the lookback that make a function's reserved concurrency worth a call
 * @param queryPollInitial         the first wait before polling a Logs Insights query (doubles up to 5 s)
 */
public record CollectionLimits(
        int parallelism,
        Duration timeBudget,
        double logsInsightsBudgetGb,
        int maxSampledFunctions,
        long minInvocationsForDetails,
        Duration queryPollInitial) {

    public static final int MIN_DAYS_FOR_DETAILS = 7;

    public static CollectionLimits defaults() {
        return new CollectionLimits(4, Duration.ofMinutes(12), 50.0, 100, 50, Duration.ofMillis(500));
    }

    public CollectionLimits {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be between 1 and 64, got " + parallelism);
        }
        if (logsInsightsBudgetGb < 0) {
            throw new IllegalArgumentException("the Logs Insights budget must not be negative, got " + logsInsightsBudgetGb);
        }
    }

    public long logsInsightsBudgetBytes() {
        return (long) (logsInsightsBudgetGb * 1_000_000_000L);
    }

    public CollectionLimits withTimeBudget(Duration budget) {
        return new CollectionLimits(parallelism, budget, logsInsightsBudgetGb, maxSampledFunctions, minInvocationsForDetails, queryPollInitial);
    }

    public CollectionLimits withLogsInsightsBudgetGb(double gb) {
        return new CollectionLimits(parallelism, timeBudget, gb, maxSampledFunctions, minInvocationsForDetails, queryPollInitial);
    }

    public CollectionLimits withQueryPollInitial(Duration initial) {
        return new CollectionLimits(parallelism, timeBudget, logsInsightsBudgetGb, maxSampledFunctions, minInvocationsForDetails, initial);
    }

    public CollectionLimits withParallelism(int threads) {
        return new CollectionLimits(threads, timeBudget, logsInsightsBudgetGb, maxSampledFunctions, minInvocationsForDetails, queryPollInitial);
    }
}
