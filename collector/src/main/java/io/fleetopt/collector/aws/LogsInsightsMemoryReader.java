package io.fleetopt.collector.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the most memory used from REPORT lines with CloudWatch Logs Insights: one query over up to 50 log groups
 * at a time (grouped by {@code @log}), polled with backoff, within a scan budget estimated from the groups'
 * stored bytes. The bytes really scanned are reported. Groups it could not query (over budget, not allowed,
 * failed) are returned so that the next source can try them.
 */
final class LogsInsightsMemoryReader {

    static final int MAX_LOG_GROUPS_PER_QUERY = 50;
    static final Duration MAX_POLL_WAIT = Duration.ofSeconds(5);
    static final String QUERY = "filter @type = \"REPORT\""
            + " | stats max(@maxMemoryUsed) as maxMemoryUsedBytes, max(@memorySize) as memorySizeBytes, count(*) as reports,"
            + " avg(@billedDuration) as billedDurationAvgMs by @log";

    private final CloudWatchLogsClient logs;
    private final ExecutorService pool;
    private final Deadline deadline;
    private final SubCallFailures failures;
    private final Duration pollInitial;
    private final AtomicLong bytesScanned = new AtomicLong();
    private final AtomicBoolean notAllowed = new AtomicBoolean();

    LogsInsightsMemoryReader(CloudWatchLogsClient logs, ExecutorService pool, Deadline deadline, SubCallFailures failures,
                             Duration pollInitial) {
        this.logs = logs;
        this.pool = pool;
        this.deadline = deadline;
        this.failures = failures;
        this.pollInitial = pollInitial;
    }

    /** What the queries found, by log group name, and the groups left for another source. */
    record Findings(Map<String, ReportStats> byLogGroup, Set<String> notQueried) {
    }

    long bytesScanned() {
        return bytesScanned.get();
    }

    /** Queries the groups (name to estimated bytes) cheapest first, while the estimate stays within the budget. */
    Findings read(Map<String, Long> groupBytes, MetricWindow window, long budgetBytes) {
        List<String> byCost = new ArrayList<>(groupBytes.keySet());
        byCost.sort((a, b) -> Long.compare(groupBytes.get(a), groupBytes.get(b)));
        Set<String> notQueried = Collections.synchronizedSet(new HashSet<>());
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        long planned = 0;
        for (String group : byCost) {
            long bytes = groupBytes.get(group);
            if (planned + bytes > budgetBytes) {
                notQueried.add(group);
                continue;
            }
            planned += bytes;
            batch.add(group);
            if (batch.size() == MAX_LOG_GROUPS_PER_QUERY) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        if (!notQueried.isEmpty()) {
            failures.note("StartQuery", "ScanBudget", "memory of " + notQueried.size() + " log groups left to the log sample",
                    "over the Logs Insights scan budget of " + budgetBytes / 1_000_000_000.0 + " GB");
        }
        Map<String, ReportStats> found = new HashMap<>();
        List<CompletableFuture<Map<String, ReportStats>>> queries = batches.stream()
                .map(groups -> CompletableFuture.supplyAsync(() -> query(groups, window, notQueried), pool)).toList();
        queries.forEach(q -> found.putAll(q.join()));
        return new Findings(found, notQueried);
    }

    private Map<String, ReportStats> query(List<String> groups, MetricWindow window, Set<String> notQueried) {
        if (notAllowed.get() || deadline.passed()) {
            notQueried.addAll(groups);
            return Map.of();
        }
        try {
            String queryId = logs.startQuery(b -> b.logGroupNames(groups).queryString(QUERY)
                    .startTime(window.start().getEpochSecond()).endTime(window.end().getEpochSecond())
                    .limit(10_000)).queryId();
            GetQueryResultsResponse results = awaitCompletion(queryId);
            if (results.statistics() != null && results.statistics().bytesScanned() != null) {
                bytesScanned.addAndGet(results.statistics().bytesScanned().longValue());
            }
            if (results.status() != QueryStatus.COMPLETE) {
                failures.note("GetQueryResults", results.statusAsString(), "a query's log groups left to the log sample",
                        "query " + queryId + " ended " + results.statusAsString());
                notQueried.addAll(groups);
                return Map.of();
            }
            return rows(results.results());
        } catch (SdkException e) {
            if (SubCallFailures.isAccessDenied(e)) {
                notAllowed.set(true);
            }
            failures.record("StartQuery", "Logs Insights not used for " + groups.size() + " log groups", e);
            notQueried.addAll(groups);
            return Map.of();
        }
    }

    private GetQueryResultsResponse awaitCompletion(String queryId) {
        Duration wait = pollInitial;
        while (true) {
            sleep(wait);
            GetQueryResultsResponse results = logs.getQueryResults(b -> b.queryId(queryId));
            QueryStatus status = results.status();
            if (status != QueryStatus.RUNNING && status != QueryStatus.SCHEDULED) {
                return results;
            }
            if (deadline.passed()) {
                return results;
            }
            wait = wait.multipliedBy(2).compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : wait.multipliedBy(2);
        }
    }

    private static Map<String, ReportStats> rows(List<List<ResultField>> rows) {
        Map<String, ReportStats> byGroup = new HashMap<>();
        for (List<ResultField> row : rows) {
            Map<String, String> fields = new HashMap<>();
            row.forEach(f -> fields.put(f.field(), f.value()));
            String log = fields.get("@log");
            String maxUsed = fields.get("maxMemoryUsedBytes");
            if (log == null || maxUsed == null) {
                continue;
            }
            String group = log.indexOf(':') >= 0 ? log.substring(log.indexOf(':') + 1) : log;
            String size = fields.get("memorySizeBytes");
            String reports = fields.get("reports");
            String billed = fields.get("billedDurationAvgMs");
            byGroup.put(group, new ReportStats(megabytes(maxUsed), size == null ? null : megabytes(size),
                    reports == null ? 0 : (long) Double.parseDouble(reports), billed == null ? null : Double.parseDouble(billed)));
        }
        return byGroup;
    }

    /** Logs Insights gives REPORT memory in bytes of 1000 x 1000 to the MB. */
    private static int megabytes(String bytes) {
        return (int) Math.ceil(Double.parseDouble(bytes) / 1_000_000.0);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkException.create("interrupted while waiting for a Logs Insights query", e);
        }
    }
}
