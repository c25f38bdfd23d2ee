package io.fleetopt.collector.aws;

import io.fleetopt.core.model.FunctionAlias;
import io.fleetopt.core.model.FunctionQualifiers;
import io.fleetopt.core.model.PublishedVersion;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * How each invoked function in scope is invoked: its aliases (ListAliases, every page) with their routing weights,
 * the versions they serve (ListVersionsByFunction, at most {@link #MAX_VERSION_PAGES} pages; only the versions an
 * alias refers to are kept), and the invocations through each alias over the window (Invocations by the
 * {@code Resource} dimension, through the same GetMetricData batches as every other metric). Asked only of the
 * functions CloudWatch lists with qualified invocations (or of all invoked ones when it could not say), and of
 * SnapStart functions, which only ever run published versions. A failing call leaves its field unknown.
 */
final class QualifierReader {

    /** 50 versions a page: a function with more than 1,000 versions has the versions its aliases serve unknown. */
    static final int MAX_VERSION_PAGES = 20;

    private final LambdaClient lambda;
    private final CloudWatchClient cloudWatch;
    private final ExecutorService pool;
    private final Deadline deadline;
    private final SubCallFailures failures;

    QualifierReader(LambdaClient lambda, CloudWatchClient cloudWatch, ExecutorService pool, Deadline deadline,
                    SubCallFailures failures) {
        this.lambda = lambda;
        this.cloudWatch = cloudWatch;
        this.pool = pool;
        this.deadline = deadline;
        this.failures = failures;
    }

    /** Reads the qualifiers of {@code functions} that need it; returns how many metric queries it made. */
    long read(List<CollectedFunction> functions, Optional<Set<String>> invokedThroughQualifiers, MetricWindow window) {
        List<CollectedFunction> asked = functions.stream()
                .filter(f -> f.inScope() && f.metricsRead() && f.invocations() > 0)
                .filter(f -> f.snapStartOn() || invokedThroughQualifiers.map(names -> names.contains(f.name())).orElse(true))
                .toList();
        functions.stream().filter(f -> f.inScope() && f.metricsRead()).forEach(f -> f.qualifiersRead = true);
        asked.stream().map(f -> CompletableFuture.runAsync(() -> aliasesAndVersions(f), pool)).toList()
                .forEach(CompletableFuture::join);
        return invocationsByAlias(asked, window);
    }

    private void aliasesAndVersions(CollectedFunction function) {
        if (!attempt(function, FunctionQualifiers.ALIASES, "ListAliases", () -> function.aliases = aliases(function.name()))) {
            function.qualifierUnknown(FunctionQualifiers.VERSIONS, null);
            function.qualifierUnknown(FunctionQualifiers.TRAFFIC, null);
            return;
        }
        Set<String> served = new HashSet<>();
        function.aliases.forEach(a -> {
            served.add(a.functionVersion());
            served.addAll(a.additionalVersionWeights().keySet());
        });
        if (!served.isEmpty()) {
            attempt(function, FunctionQualifiers.VERSIONS, "ListVersionsByFunction", () -> versions(function, served));
        }
    }

    private List<FunctionAlias> aliases(String functionName) {
        List<FunctionAlias> aliases = new ArrayList<>();
        for (AliasConfiguration alias : lambda.listAliasesPaginator(b -> b.functionName(functionName)).aliases()) {
            Map<String, Double> weights = alias.routingConfig() == null || !alias.routingConfig().hasAdditionalVersionWeights()
                    ? Map.of() : Map.copyOf(alias.routingConfig().additionalVersionWeights());
            aliases.add(new FunctionAlias(alias.name(), alias.functionVersion(), weights, null, null,
                    alias.revisionId() == null ? "unknown" : alias.revisionId()));
        }
        return aliases;
    }

    /** Pages through the versions, keeping those the aliases serve; stops when all of them are found. */
    private void versions(CollectedFunction function, Set<String> served) {
        Map<String, PublishedVersion> found = new LinkedHashMap<>();
        String marker = null;
        int pages = 0;
        do {
            String from = marker;
            ListVersionsByFunctionResponse page = lambda.listVersionsByFunction(b -> b.functionName(function.name()).marker(from));
            pages++;
            for (FunctionConfiguration version : page.versions()) {
                if (served.contains(version.version())) {
                    found.put(version.version(), new PublishedVersion(version.version(), version.codeSha256(),
                            version.memorySize() == null ? 128 : version.memorySize(),
                            version.timeout() == null ? 3 : version.timeout(),
                            version.tracingConfig() == null ? "PassThrough" : version.tracingConfig().modeAsString(),
                            version.description()));
                }
            }
            marker = page.nextMarker();
        } while (marker != null && !marker.isEmpty() && found.size() < served.size() && pages < MAX_VERSION_PAGES);
        function.versions = List.copyOf(found.values());
        if (found.size() < served.size()) {
            function.qualifierUnknown(FunctionQualifiers.VERSIONS, "versions unknown: the versions its aliases serve were not"
                    + " among the first " + MAX_VERSION_PAGES * 50 + " listed");
        }
    }

    private long invocationsByAlias(List<CollectedFunction> functions, MetricWindow window) {
        List<MetricQuery> queries = new ArrayList<>();
        Map<String, CollectedFunction> byId = new HashMap<>();
        Map<String, Integer> aliasOf = new HashMap<>();
        for (CollectedFunction function : functions) {
            if (function.aliases == null) {
                continue;
            }
            for (int i = 0; i < function.aliases.size(); i++) {
                MetricQuery query = MetricQuery.ofAlias(function.index, i, MetricKind.INVOCATIONS, function.name(),
                        function.aliases.get(i).name());
                queries.add(query);
                byId.put(query.id(), function);
                aliasOf.put(query.id(), i);
            }
        }
        if (queries.isEmpty()) {
            return 0;
        }
        GetMetricDataBatcher.Results results = new GetMetricDataBatcher(cloudWatch, pool, deadline, failures)
                .fetch(queries, window, done -> { });
        for (MetricQuery query : queries) {
            CollectedFunction function = byId.get(query.id());
            String cause = results.unreadCauses().get(query.id());
            if (cause != null) {
                function.qualifierUnknown(FunctionQualifiers.TRAFFIC, "invocations by alias unknown: " + cause);
                continue;
            }
            SortedMap<java.time.LocalDate, Double> daily = results.series().getOrDefault(query.id(), new java.util.TreeMap<>());
            long invocations = Math.round(daily.values().stream().mapToDouble(Double::doubleValue).sum());
            int index = aliasOf.get(query.id());
            FunctionAlias alias = function.aliases.get(index);
            function.aliases.set(index, new FunctionAlias(alias.name(), alias.functionVersion(), alias.additionalVersionWeights(),
                    alias.provisionedConcurrency(), invocations, alias.revisionId()));
        }
        return queries.size();
    }

    /** Runs one read; false (the field unknown, with a warning) when it failed or the time budget ran out. */
    private boolean attempt(CollectedFunction function, String field, String operation, Runnable call) {
        if (deadline.passed()) {
            function.qualifierUnknown(field, operation + " not called: the collection's time budget ran out");
            return false;
        }
        try {
            call.run();
            return true;
        } catch (SdkException e) {
            function.qualifierUnknown(field, failures.record(operation, field + " unknown", e));
            return false;
        }
    }
}
