package io.fleetopt.collector.aws;

import io.fleetopt.core.model.MemorySource;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * Finds the max memory used of each in-scope function with enough evidence for a memory change (7 days and the
 * minimum invocations: the others' memory is never cut, so reading it would be money spent for nothing), through a
 * chain of sources, best first, and records which one answered: (1) Lambda Insights metrics, already fetched with the other metrics; (2) Logs Insights over
 * REPORT lines, within the scan budget; (3) FilterLogEvents where Logs Insights was not allowed, failed or was over
 * budget: every REPORT line of the window when they fit, else a sample spread over the window, within the run's
 * call budget, the functions with the fewest lines first (read whole, exactly, for the fewest calls; the busiest,
 * which would mostly get a sample, come last); (4) none, with the reason (not reached, failed), and then the analyzer
 * will not cut memory.
 */
final class MemoryEvidence {

    private final LogsInsightsMemoryReader logsInsights;
    private final ReportLineReader reportLines;
    private final ExecutorService pool;
    private final Deadline deadline;
    private final SubCallFailures failures;
    private final CollectionLimits limits;

    MemoryEvidence(LogsInsightsMemoryReader logsInsights, ReportLineReader reportLines, ExecutorService pool,
                   Deadline deadline, SubCallFailures failures, CollectionLimits limits) {
        this.logsInsights = logsInsights;
        this.reportLines = reportLines;
        this.pool = pool;
        this.deadline = deadline;
        this.failures = failures;
        this.limits = limits;
    }

    void find(List<CollectedFunction> functions, MetricWindow window) {
        List<CollectedFunction> invoked = functions.stream()
                .filter(f -> f.inScope() && f.hasEnoughEvidence(limits.minInvocationsForDetails())).toList();
        for (CollectedFunction function : invoked) {
            fromLambdaInsights(function);
        }
        functions.stream().filter(f -> f.inScope() && f.metricsRead() && f.invocations() > 0
                        && !f.hasEnoughEvidence(limits.minInvocationsForDetails()))
                .forEach(f -> f.memoryGap("not read: fewer than " + CollectionLimits.MIN_DAYS_FOR_DETAILS + " days or "
                        + limits.minInvocationsForDetails() + " invocations, too little evidence to change memory"));
        Map<String, List<CollectedFunction>> byLogGroup = invoked.stream()
                .filter(f -> f.memorySource == MemorySource.NONE)
                .collect(Collectors.groupingBy(CollectedFunction::logGroupName));
        Map<String, Long> groupBytes = new HashMap<>();
        byLogGroup.forEach((group, owners) -> {
            if (owners.size() > 1) {
                owners.forEach(f -> f.memoryGap("log group " + group + " is shared by " + owners.size()
                        + " functions: its REPORT lines cannot be told apart"));
            } else if (owners.getFirst().logGroup != null && owners.getFirst().logGroup.storedBytes() != null) {
                groupBytes.put(group, estimatedScanBytes(owners.getFirst().logGroup, window));
            } else {
                owners.getFirst().memoryGap("log group " + group + " not found");
            }
        });
        LogsInsightsMemoryReader.Findings findings = limits.logsInsightsBudgetBytes() > 0
                ? logsInsights.read(groupBytes, window, limits.logsInsightsBudgetBytes())
                : new LogsInsightsMemoryReader.Findings(Map.of(), groupBytes.keySet());
        findings.byLogGroup().forEach((group, stats) -> {
            List<CollectedFunction> owners = byLogGroup.get(group);
            if (owners != null && owners.size() == 1 && stats.reports() > 0) {
                record(owners.getFirst(), stats, MemorySource.LOGS_INSIGHTS);
            }
        });
        readReportLines(findings.notQueried().stream().map(byLogGroup::get).map(List::getFirst)
                .sorted(Comparator.comparingLong(CollectedFunction::invocations)).toList(), window);
    }

    /**
     * What a query over the window will scan, estimated from what the group stores: the window's share of the
     * retention when the group expires its events, else all of it (the conservative side).
     */
    static long estimatedScanBytes(LogGroupFacts group, MetricWindow window) {
        long stored = group.storedBytes() == null ? 0 : group.storedBytes();
        if (group.retentionDays() == null || group.retentionDays() <= window.days()) {
            return stored;
        }
        return (long) Math.ceil(stored * (double) window.days() / group.retentionDays());
    }

    private void fromLambdaInsights(CollectedFunction function) {
        Double used = function.max(MetricKind.INSIGHTS_MEMORY_MAX);
        if (used == null || used <= 0) {
            return;
        }
        function.maxMemoryUsedMb = (int) Math.ceil(used);
        function.memorySource = MemorySource.LAMBDA_INSIGHTS;
        Double cpu = function.average(MetricKind.INSIGHTS_CPU_AVG);
        Double duration = function.average(MetricKind.DURATION_AVG);
        if (cpu != null && duration != null && duration > 0) {
            function.cpuTimeRatio = cpu / duration;
        }
    }

    private void readReportLines(List<CollectedFunction> candidates, MetricWindow window) {
        List<CompletableFuture<Void>> calls = candidates.stream().map(f -> CompletableFuture.runAsync(() -> {
            if (deadline.passed()) {
                f.memoryGap("the collection's time budget ran out before its REPORT lines were read");
                return;
            }
            try {
                ReportLineReader.Reading reading = reportLines.read(f.logGroupName(), window);
                if (reading.stats() == null) {
                    f.memoryGap(reading.gap());
                    return;
                }
                f.memorySample = reading.sample();
                record(f, reading.stats(), reading.source());
            } catch (SdkException e) {
                f.memoryGap(failures.record("FilterLogEvents", "memory unknown", e));
            }
        }, pool)).toList();
        calls.forEach(CompletableFuture::join);
    }

    private static void record(CollectedFunction function, ReportStats stats, MemorySource source) {
        if (stats.maxMemoryUsedMb() <= 0) {
            function.memoryGap("REPORT lines without a Max Memory Used");
            return;
        }
        function.maxMemoryUsedMb = stats.maxMemoryUsedMb();
        function.memorySource = source;
        function.billedDurationAvgMs = stats.billedDurationAvgMs();
        if (source == MemorySource.LOG_SAMPLE) {
            function.warnings.add("max memory used from a sample of " + stats.reports() + " REPORT lines on "
                    + function.memorySample.daysCovered() + " days: a lower bound");
        }
    }
}
