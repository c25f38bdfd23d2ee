package io.fleetopt.core.model;

import io.micronaut.core.annotation.Creator;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What collecting the snapshot cost: API calls by operation, metrics requested from GetMetricData, Logs Insights
 * bytes scanned, and how long the collection took (0 when not measured).
 */
@Serdeable
public record CollectionCost(Map<String, Long> apiCallsByOperation, long metricQueries, long logsInsightsBytesScanned,
                             long elapsedMs) {

    @Creator
    public CollectionCost {
    }

    public CollectionCost(Map<String, Long> apiCallsByOperation, long metricQueries, long logsInsightsBytesScanned) {
        this(apiCallsByOperation, metricQueries, logsInsightsBytesScanned, 0);
    }

    public static CollectionCost none() {
        return new CollectionCost(Map.of(), 0, 0, 0);
    }

    public long totalApiCalls() {
        return apiCallsByOperation.values().stream().mapToLong(Long::longValue).sum();
    }

    public long calls(String operation) {
        return apiCallsByOperation.getOrDefault(operation, 0L);
    }
}
