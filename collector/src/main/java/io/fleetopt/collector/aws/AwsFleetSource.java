package io.fleetopt.collector.aws;

import io.fleetopt.aws.AwsClients;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.CollectionCost;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.port.FleetSource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The fleet of a real AWS account, read through the SDK: read-only by construction (only List, Get and Describe
 * calls, and Logs Insights queries). Regions are collected one after another; within a region the calls run on
 * a bounded pool, under the run's time budget. The snapshot records what collecting cost.
 */
public final class AwsFleetSource implements FleetSource {

    /**
     * The IAM actions collecting needs, all of them reads (Logs Insights queries read logs). Infra grants exactly
     * these; a test checks that the code calls nothing else.
     */
    public static final List<String> IAM_ACTIONS = List.of(
            "lambda:ListFunctions", "lambda:GetAccountSettings", "lambda:ListProvisionedConcurrencyConfigs",
            "lambda:GetFunctionEventInvokeConfig", "lambda:GetFunctionConcurrency",
            "lambda:ListAliases", "lambda:ListVersionsByFunction",
            "tag:GetResources",
            "cloudwatch:GetMetricData", "cloudwatch:ListMetrics",
            "logs:DescribeLogGroups", "logs:StartQuery", "logs:GetQueryResults", "logs:FilterLogEvents");

    private final AwsCollectorOptions options;
    private final Clock clock;

    AwsFleetSource(AwsCollectorOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** The fleet source the CLI and the Lambda use. */
    public static AwsFleetSource create(AwsCollectorOptions options) {
        return new AwsFleetSource(options, Clock.systemUTC());
    }

    @Override
    public FleetSnapshot collect(CollectRequest request) {
        Deadline deadline = Deadline.after(options.limits().timeBudget(), clock);
        MetricWindow window = MetricWindow.lastDays(request.lookbackDays(), clock.instant());
        SubCallFailures failures = new SubCallFailures();
        CallBudget filterLogEvents = new CallBudget("FilterLogEvents", options.limits().filterLogEventsBudget());
        long startedMs = clock.millis();
        List<FunctionProfile> profiles = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<RegionCollector.RegionResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.limits().parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "fleetopt-collect");
            thread.setDaemon(true);
            return thread;
        });
        try (AwsClients clients = new AwsClients(options.clientSettings(null))) {
            List<String> regions = regions(request, clients);
            for (String region : regions) {
                AwsClients regional = clients.inRegion(region);
                try {
                    RegionCollector.RegionResult result = new RegionCollector(region, regional, pool, deadline, failures,
                            options.limits(), options.progress(), filterLogEvents).collect(request, window);
                    results.add(result);
                    profiles.addAll(result.profiles());
                    warnings.addAll(result.warnings());
                } finally {
                    regional.close();
                }
            }
            warnings.addAll(failures.warnings());
            readOrFail(profiles, request).ifPresent(warnings::add);
            AccountConcurrency account = tightest(results, warnings);
            CollectionCost cost = new CollectionCost(clients.counter().byOperation(),
                    results.stream().mapToLong(RegionCollector.RegionResult::metricQueries).sum(),
                    results.stream().mapToLong(RegionCollector.RegionResult::logsInsightsBytesScanned).sum(),
                    Math.max(1, clock.millis() - startedMs));
            return new FleetSnapshot(FleetSnapshot.SCHEMA_VERSION, request.runId(), accountId(profiles), regions,
                    request.lookbackDays(), clock.instant(), request.scope(), account, profiles, warnings, cost);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A partial read is a warning that says how many functions' metrics could not be read; a read where no function
     * in scope could be read is not a snapshot worth analysing (exit code 3 in the CLI).
     */
    static Optional<String> readOrFail(List<FunctionProfile> profiles, CollectRequest request) {
        List<FunctionProfile> inScope = profiles.stream()
                .filter(p -> request.scope().exclusionReason(p.name(), p.config()).isEmpty()).toList();
        List<FunctionProfile> unavailable = inScope.stream().filter(p -> p.metrics().isUnavailable()).toList();
        if (unavailable.isEmpty()) {
            return Optional.empty();
        }
        String causes = String.join("; ", unavailable.stream().map(p -> p.metrics().evidenceUnavailable()).distinct().limit(3).toList());
        if (unavailable.size() == inScope.size()) {
            throw new CollectionFailedException("the metrics of none of the " + inScope.size()
                    + " functions in scope could be read (" + causes + "): nothing to analyse. Check cloudwatch:GetMetricData"
                    + " permission, throttling and the network, then run again.", null);
        }
        return Optional.of("evidence unavailable for " + unavailable.size() + " of " + inScope.size()
                + " functions in scope: their metrics could not be read (" + causes + "); nothing is reduced on them");
    }

    private List<String> regions(CollectRequest request, AwsClients clients) {
        if (request.regions() != null && !request.regions().isEmpty()) {
            return request.regions();
        }
        if (!options.regions().isEmpty()) {
            return options.regions();
        }
        return List.of(clients.region().id());
    }

    /**
     * The snapshot holds one account concurrency; with several regions it is the one with the least unreserved
     * concurrency (the safe side for the analyzer's rule), and a warning says so.
     */
    private static AccountConcurrency tightest(List<RegionCollector.RegionResult> results, List<String> warnings) {
        Optional<RegionCollector.RegionResult> tightest = results.stream().filter(r -> r.account() != null)
                .min(Comparator.comparingInt(r -> r.account().unreservedConcurrentExecutions()));
        if (tightest.isEmpty()) {
            warnings.add("account concurrency unknown: recorded as 0 (no reserved concurrency can be raised)");
            return new AccountConcurrency(0, 0);
        }
        if (results.size() > 1) {
            warnings.add("account concurrency is per region; recorded: " + tightest.get().region()
                    + ", the region with the least unreserved concurrency");
        }
        return tightest.get().account();
    }

    private static String accountId(List<FunctionProfile> profiles) {
        return profiles.stream().map(p -> p.arn().split(":"))
                .filter(parts -> parts.length > 4).map(parts -> parts[4]).findFirst().orElse("unknown");
    }
}
