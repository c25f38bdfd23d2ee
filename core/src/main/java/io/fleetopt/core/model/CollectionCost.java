package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** What collecting the snapshot cost: API calls by operation, metric queries, Logs Insights bytes scanned. */
@Serdeable
public record CollectionCost(Map<String, Long> apiCallsByOperation, long metricQueries, long logsInsightsBytesScanned) {

    public static CollectionCost none() {
        return new CollectionCost(Map.of(), 0, 0);
    }

    public long totalApiCalls() {
        return apiCallsByOperation.values().stream().mapToLong(Long::longValue).sum();
    }
}
