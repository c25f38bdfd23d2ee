package io.fleetopt.collector.aws;

import io.fleetopt.aws.AwsClients;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.port.CollectRequest;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Collects one region, in phases whose cost grows with the fleet's pages, not its functions: list functions,
 * tags, log groups and account settings in bulk; every in-scope function's daily metrics through GetMetricData;
 * then, where the metrics say it matters, the per-function calls and the memory evidence.
 */
final class RegionCollector {

    private final String region;
    private final AwsClients clients;
    private final ExecutorService pool;
    private final Deadline deadline;
    private final SubCallFailures failures;
    private final CollectionLimits limits;
    private final CollectionProgress progress;
    private final CallBudget filterLogEventsBudget;
    private long metricQueries;
    private long logsInsightsBytesScanned;

    RegionCollector(String region, AwsClients clients, ExecutorService pool, Deadline deadline, SubCallFailures failures,
                    CollectionLimits limits, CollectionProgress progress, CallBudget filterLogEventsBudget) {
        this.region = region;
        this.clients = clients;
        this.pool = pool;
        this.deadline = deadline;
        this.failures = failures;
        this.limits = limits;
        this.progress = progress;
        this.filterLogEventsBudget = filterLogEventsBudget;
    }

    record RegionResult(String region, List<FunctionProfile> profiles, @Nullable AccountConcurrency account,
                        List<String> warnings, long metricQueries, long logsInsightsBytesScanned) {
    }

    RegionResult collect(CollectRequest request, MetricWindow window) {
        LambdaClient lambda = clients.build(LambdaClient.builder());
        CloudWatchClient cloudWatch = clients.build(CloudWatchClient.builder());
        CloudWatchLogsClient logs = clients.build(CloudWatchLogsClient.builder());
        ResourceGroupsTaggingApiClient tagging = clients.build(ResourceGroupsTaggingApiClient.builder());
        List<String> warnings = new ArrayList<>();

        // the bulk reads are independent page chains: run them side by side
        CompletableFuture<Map<String, Map<String, String>>> tags = CompletableFuture.supplyAsync(() -> readTags(tagging), pool);
        CompletableFuture<AccountConcurrency> account = CompletableFuture.supplyAsync(() -> readAccount(lambda), pool);
        CompletableFuture<Map<String, LogGroupFacts>> lambdaGroups = CompletableFuture.supplyAsync(() -> readLambdaLogGroups(logs), pool);
        List<FunctionConfiguration> listed = listFunctions(lambda);
        List<CollectedFunction> functions = new ArrayList<>();
        Map<String, Map<String, String>> tagsByArn = join(tags);
        for (FunctionConfiguration listing : listed) {
            functions.add(new CollectedFunction(functions.size(), region, listing,
                    tagsByArn.getOrDefault(listing.functionArn(), Map.of()), request.scope()));
        }
        List<CollectedFunction> inScope = functions.stream().filter(CollectedFunction::inScope).toList();
        progress.discovered(region, functions.size(), inScope.size());
        readCustomLogGroups(logs, functions, join(lambdaGroups), warnings);

        progress.phase(region, "metrics");
        readMetrics(cloudWatch, inScope, window, join(account));

        progress.phase(region, "details");
        new FunctionDetailReader(lambda, pool, limits.parallelism(), deadline, failures)
                .read(functions, join(account), limits.minInvocationsForDetails());

        progress.phase(region, "memory");
        LogsInsightsMemoryReader logsInsights = new LogsInsightsMemoryReader(logs, pool, deadline, failures, limits.queryPollInitial());
        new MemoryEvidence(logsInsights, new ReportLineReader(logs, filterLogEventsBudget, limits.scanPages()), pool, deadline,
                failures, limits).find(functions, window);
        logsInsightsBytesScanned = logsInsights.bytesScanned();

        if (deadline.passed()) {
            warnings.add(region + ": the collection's time budget ran out; what was not collected is unknown");
        }
        List<FunctionProfile> profiles = functions.stream().map(CollectedFunction::profile).toList();
        progress.phase(region, "done");
        return new RegionResult(region, profiles, join(account), warnings, metricQueries, logsInsightsBytesScanned);
    }

    private List<FunctionConfiguration> listFunctions(LambdaClient lambda) {
        try {
            return new FunctionLister(lambda).list();
        } catch (SdkException e) {
            throw new CollectionFailedException(region + ": could not list the functions: ListFunctions "
                    + AwsFailureCause.of(e, "lambda:ListFunctions"), e);
        }
    }

    private Map<String, Map<String, String>> readTags(ResourceGroupsTaggingApiClient tagging) {
        try {
            return new TagReader(tagging).read();
        } catch (SdkException e) {
            throw new CollectionFailedException(region + ": could not read the functions' tags (without them the skip tag"
                    + " and the scope cannot be honoured): GetResources " + AwsFailureCause.of(e, "tag:GetResources"), e);
        }
    }

    private @Nullable AccountConcurrency readAccount(LambdaClient lambda) {
        try {
            return new AccountSettingsReader(lambda, region).read();
        } catch (SdkException e) {
            failures.record("GetAccountSettings", region + " account concurrency unknown", e);
            return null;
        }
    }

    /** The {@code /aws/lambda/} groups, or null (with a warning) when they cannot be read. */
    private @Nullable Map<String, LogGroupFacts> readLambdaLogGroups(CloudWatchLogsClient logs) {
        try {
            return new LogGroupReader(logs).readLambdaGroups();
        } catch (SdkException e) {
            failures.record("DescribeLogGroups", "log retention and stored bytes unknown", e);
            return null;
        }
    }

    private void readCustomLogGroups(CloudWatchLogsClient logs, List<CollectedFunction> functions,
                                     @Nullable Map<String, LogGroupFacts> lambdaGroups, List<String> warnings) {
        if (lambdaGroups == null) {
            warnings.add(region + ": log groups could not be read; retention and stored bytes unknown");
            functions.forEach(CollectedFunction::logGroupUnknown);
            return;
        }
        Set<String> custom = new TreeSet<>();
        functions.forEach(f -> custom.add(f.logGroupName()));
        boolean customRead = true;
        try {
            new LogGroupReader(logs).readCustomGroups(custom, lambdaGroups);
        } catch (SdkException e) {
            failures.record("DescribeLogGroups", "custom log groups' retention and stored bytes unknown", e);
            customRead = false;
        }
        for (CollectedFunction function : functions) {
            function.logGroup = lambdaGroups.get(function.logGroupName());
            if (!customRead && function.logGroup == null && !function.logGroupName().startsWith(LogGroupReader.LAMBDA_PREFIX)) {
                function.logGroupUnknown();
            }
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The metrics in three passes, so that a function costs only the series a rule will read: (1) Invocations of
     * every function in scope; (2) errors, throttles and duration of those with the evidence for a resource change
     * (7 days, the minimum invocations), plus async events (and errors) of the invoked ones,
     * provisioned-concurrency utilization and Lambda Insights only for the functions CloudWatch lists as publishing
     * them; (3) peak concurrency where a reservation matters (throttled functions, or all when the pool is tight).
     */
    private void readMetrics(CloudWatchClient cloudWatch, List<CollectedFunction> inScope, MetricWindow window,
                             @Nullable AccountConcurrency account) {
        MetricPublishers publishers = new MetricPublishers(cloudWatch, failures);
        Optional<Set<String>> insights = publishers.of(MetricKind.INSIGHTS_MEMORY_MAX);
        Optional<Set<String>> async = publishers.of(MetricKind.ASYNC_EVENTS);
        Optional<Set<String>> provisioned = publishers.of(MetricKind.PROVISIONED_UTILIZATION_MAX);
        fetch(cloudWatch, inScope, f -> List.of(MetricKind.INVOCATIONS), window, true);
        List<CollectedFunction> invoked = inScope.stream().filter(f -> f.metricsRead() && f.invocations() > 0).toList();
        fetch(cloudWatch, invoked, f -> {
            // too little traffic for a resource change: only what a configuration rule reads (the dead-letter rule:
            // async events and their errors)
            List<MetricKind> kinds = new ArrayList<>(f.hasEnoughEvidence(limits.minInvocationsForDetails())
                    ? List.of(MetricKind.TRAFFIC) : List.of());
            if (publishes(async, f)) {
                if (kinds.isEmpty()) {
                    kinds.add(MetricKind.ERRORS);
                }
                kinds.add(MetricKind.ASYNC_EVENTS);
            }
            if (publishes(provisioned, f)) {
                kinds.add(MetricKind.PROVISIONED_UTILIZATION_MAX);
            }
            if (publishes(insights, f)) {
                kinds.addAll(List.of(MetricKind.INSIGHTS));
            }
            return kinds;
        }, window, false);
        boolean tight = FunctionDetailReader.poolIsTight(account);
        fetch(cloudWatch, invoked.stream().filter(f -> f.hasEnoughEvidence(limits.minInvocationsForDetails())
                        && (tight || f.throttles() > 0)).toList(),
                f -> List.of(MetricKind.CONCURRENCY_MAX), window, false);
    }

    /** True when CloudWatch lists the function as publishing the metric, or could not say (then it is asked). */
    private static boolean publishes(Optional<Set<String>> publishers, CollectedFunction function) {
        return publishers.map(names -> names.contains(function.name())).orElse(true);
    }

    private void fetch(CloudWatchClient cloudWatch, List<CollectedFunction> functions,
                       Function<CollectedFunction, List<MetricKind>> kinds, MetricWindow window, boolean reportProgress) {
        List<MetricQuery> queries = new ArrayList<>();
        Map<Integer, CollectedFunction> byIndex = new HashMap<>();
        for (CollectedFunction function : functions) {
            byIndex.put(function.index, function);
            for (MetricKind kind : kinds.apply(function)) {
                queries.add(MetricQuery.of(function.index, kind, function.name()));
            }
        }
        if (queries.isEmpty()) {
            return;
        }
        metricQueries += queries.size();
        int total = queries.size();
        GetMetricDataBatcher.Results results = new GetMetricDataBatcher(cloudWatch, pool, deadline, failures)
                .fetch(queries, window, done -> {
                    if (reportProgress) {
                        progress.collected(region, (int) ((long) functions.size() * done / Math.max(1, total)), functions.size());
                    }
                });
        for (MetricQuery query : queries) {
            CollectedFunction function = byIndex.get(query.functionIndex());
            String cause = results.unreadCauses().get(query.id());
            if (cause != null) {
                function.metricsUnavailable(cause);
                continue;
            }
            function.series.put(query.kind(), results.series().getOrDefault(query.id(), new TreeMap<>()));
        }
    }
}
