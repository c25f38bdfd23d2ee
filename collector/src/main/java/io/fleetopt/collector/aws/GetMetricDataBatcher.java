package io.fleetopt.collector.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Asks CloudWatch for many daily metrics at once: queries packed 500 to a GetMetricData call (the API's
 * maximum), calls run in parallel on the collector's pool, each followed through its NextToken pages.
 * Never one call per function per metric. A batch that fails leaves its queries unread, with the cause; never zeros.
 */
final class GetMetricDataBatcher {

    static final int MAX_QUERIES_PER_CALL = 500;
    static final int DAY_SECONDS = 86_400;
    /** Lambda's dimension of a version's or an alias's metrics: {@code name:qualifier}. */
    static final String RESOURCE_DIMENSION = "Resource";

    private final CloudWatchClient cloudWatch;
    private final ExecutorService pool;
    private final Deadline deadline;
    private final SubCallFailures failures;

    GetMetricDataBatcher(CloudWatchClient cloudWatch, ExecutorService pool, Deadline deadline, SubCallFailures failures) {
        this.cloudWatch = cloudWatch;
        this.pool = pool;
        this.deadline = deadline;
        this.failures = failures;
    }

    /** What came back: daily values by query id, and for the ids that could not be read, the cause in words. */
    record Results(Map<String, SortedMap<LocalDate, Double>> series, Map<String, String> unreadCauses) {
    }

    /** Fetches every query's daily values over the window; {@code queriesDone} hears of each finished batch. */
    Results fetch(List<MetricQuery> queries, MetricWindow window, IntConsumer queriesDone) {
        Map<String, SortedMap<LocalDate, Double>> series = new HashMap<>();
        Map<String, String> unread = new ConcurrentHashMap<>();
        List<CompletableFuture<Map<String, SortedMap<LocalDate, Double>>>> calls = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        for (int from = 0; from < queries.size(); from += MAX_QUERIES_PER_CALL) {
            List<MetricQuery> batch = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES_PER_CALL));
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    if (deadline.passed()) {
                        failures.note("GetMetricData", "TimeBudget", "metrics left unknown",
                                "the collection's time budget ran out before this batch");
                        batch.forEach(q -> unread.put(q.id(), "GetMetricData not called: the collection's time budget ran out"));
                        return Map.of();
                    }
                    return fetchBatch(batch, window, unread);
                } catch (SdkException e) {
                    failures.record("GetMetricData", "metrics of " + batch.size() + " queries could not be read", e);
                    String cause = "GetMetricData failed (" + SubCallFailures.errorCode(e) + ")";
                    batch.forEach(q -> unread.put(q.id(), cause));
                    return Map.of();
                } finally {
                    queriesDone.accept(done.addAndGet(batch.size()));
                }
            }, pool));
        }
        for (CompletableFuture<Map<String, SortedMap<LocalDate, Double>>> call : calls) {
            series.putAll(call.join());
        }
        return new Results(series, Map.copyOf(unread));
    }

    private Map<String, SortedMap<LocalDate, Double>> fetchBatch(List<MetricQuery> batch, MetricWindow window,
                                                                 Map<String, String> unread) {
        List<MetricDataQuery> request = batch.stream().map(GetMetricDataBatcher::toQuery).toList();
        Map<String, SortedMap<LocalDate, Double>> series = new HashMap<>();
        String nextToken = null;
        do {
            String token = nextToken;
            GetMetricDataResponse response = cloudWatch.getMetricData(b -> b.metricDataQueries(request)
                    .startTime(window.start()).endTime(window.end()).nextToken(token));
            for (MetricDataResult result : response.metricDataResults()) {
                SortedMap<LocalDate, Double> values = series.computeIfAbsent(result.id(), id -> new TreeMap<>());
                List<Instant> timestamps = result.timestamps();
                List<Double> points = result.values();
                for (int i = 0; i < Math.min(timestamps.size(), points.size()); i++) {
                    values.merge(LocalDate.ofInstant(timestamps.get(i), ZoneOffset.UTC), points.get(i), Double::sum);
                }
                if (result.statusCode() == StatusCode.FORBIDDEN || result.statusCode() == StatusCode.INTERNAL_ERROR) {
                    series.remove(result.id());
                    unread.put(result.id(), "GetMetricData answered " + result.statusCodeAsString() + " for it");
                    failures.note("GetMetricData", result.statusCodeAsString(), "a metric left unknown", result.id());
                }
            }
            for (MessageData message : response.messages()) {
                failures.note("GetMetricData", message.code(), "CloudWatch reported a problem", message.value());
            }
            nextToken = response.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return series;
    }

    /** The function's dimension, and for a qualifier's metric Lambda's {@code Resource} dimension ({@code name:alias}). */
    private static List<Dimension> dimensions(MetricQuery query) {
        Dimension function = Dimension.builder().name(query.kind().functionDimension()).value(query.functionName()).build();
        return query.resource() == null ? List.of(function)
                : List.of(function, Dimension.builder().name(RESOURCE_DIMENSION).value(query.resource()).build());
    }

    private static MetricDataQuery toQuery(MetricQuery query) {
        MetricKind kind = query.kind();
        return MetricDataQuery.builder()
                .id(query.id())
                .returnData(true)
                .metricStat(MetricStat.builder()
                        .metric(Metric.builder().namespace(kind.namespace).metricName(kind.metricName)
                                .dimensions(dimensions(query))
                                .build())
                        .period(DAY_SECONDS)
                        .stat(kind.stat)
                        .build())
                .build();
    }
}
