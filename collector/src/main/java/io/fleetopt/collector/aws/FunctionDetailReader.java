package io.fleetopt.collector.aws;

import io.fleetopt.core.model.AccountConcurrency;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The per-function calls, made only where the metrics say they matter: provisioned concurrency where
 * ProvisionedConcurrencyUtilization has data, async destinations where AsyncEventsReceived &gt; 0, reserved
 * concurrency for in-scope functions with enough evidence. Reserved concurrency is also settled by accounting:
 * the account's limit minus its unreserved concurrency is the sum of every reservation in the region, so once
 * the reservations found add up to it, every other function has none, without asking. A failing call leaves
 * its field unknown, with a warning; collection goes on.
 */
final class FunctionDetailReader {

    /** Below this much unreserved concurrency (or half the limit) the account's pool counts as tight. */
    static final int TIGHT_UNRESERVED = 200;


    private final LambdaClient lambda;
    private final ExecutorService pool;
    private final Deadline deadline;
    private final SubCallFailures failures;
    private final int parallelism;

    FunctionDetailReader(LambdaClient lambda, ExecutorService pool, int parallelism, Deadline deadline, SubCallFailures failures) {
        this.lambda = lambda;
        this.pool = pool;
        this.parallelism = parallelism;
        this.deadline = deadline;
        this.failures = failures;
    }

    void read(List<CollectedFunction> functions, @Nullable AccountConcurrency account, long minInvocations) {
        List<CompletableFuture<Void>> calls = functions.stream()
                .filter(f -> f.inScope() && f.metricsRead())
                .map(f -> CompletableFuture.runAsync(() -> destinationsAndProvisioned(f), pool))
                .toList();
        calls.forEach(CompletableFuture::join);
        reserved(functions, account, minInvocations);
    }

    private void destinationsAndProvisioned(CollectedFunction function) {
        if (!function.series(MetricKind.PROVISIONED_UTILIZATION_MAX).isEmpty()) {
            attempt(function, CollectedFunction.PROVISIONED, "ListProvisionedConcurrencyConfigs",
                    () -> function.provisionedConcurrency = provisioned(function));
        }
        if (function.sum(MetricKind.ASYNC_EVENTS) > 0) {
            attempt(function, CollectedFunction.ON_FAILURE, "GetFunctionEventInvokeConfig",
                    () -> function.onFailureDestinationArn = onFailureDestination(function.name()));
        }
    }

    /** The function's provisioned concurrency in all (its total), kept by qualifier too ({@code ...:function:name:live}). */
    private Integer provisioned(CollectedFunction function) {
        int total = 0;
        for (ProvisionedConcurrencyConfigListItem config : lambda.listProvisionedConcurrencyConfigsPaginator(
                b -> b.functionName(function.name())).provisionedConcurrencyConfigs()) {
            if (config.requestedProvisionedConcurrentExecutions() != null) {
                total += config.requestedProvisionedConcurrentExecutions();
                String arn = config.functionArn();
                if (arn != null && arn.lastIndexOf(':') > arn.indexOf(":function:") + ":function:".length()) {
                    function.provisionedByQualifier.merge(arn.substring(arn.lastIndexOf(':') + 1),
                            config.requestedProvisionedConcurrentExecutions(), Integer::sum);
                }
            }
        }
        return total == 0 ? null : total;
    }

    private @Nullable String onFailureDestination(String functionName) {
        try {
            DestinationConfig destinations = lambda.getFunctionEventInvokeConfig(b -> b.functionName(functionName)).destinationConfig();
            return destinations == null || destinations.onFailure() == null ? null : destinations.onFailure().destination();
        } catch (ResourceNotFoundException e) {
            return null; // no asynchronous invocation config: no destination
        }
    }

    private void reserved(List<CollectedFunction> functions, @Nullable AccountConcurrency account, long minInvocations) {
        Integer unaccounted = account == null ? null
                : Math.max(0, account.concurrentExecutionsLimit() - account.unreservedConcurrentExecutions());
        boolean tight = poolIsTight(account);
        List<CollectedFunction> candidates = functions.stream()
                .filter(f -> f.inScope() && f.hasEnoughEvidence(minInvocations) && (tight || f.throttles() > 0))
                .sorted(Comparator.comparingLong(CollectedFunction::throttles).reversed()
                        .thenComparing(Comparator.comparingLong(CollectedFunction::invocations).reversed()))
                .toList();
        int next = 0;
        while (next < candidates.size() && (unaccounted == null || unaccounted > 0)) {
            List<CollectedFunction> wave = candidates.subList(next, Math.min(candidates.size(), next + parallelism * 4));
            next += wave.size();
            List<CompletableFuture<Void>> calls = wave.stream().map(f -> CompletableFuture.runAsync(() -> attempt(f,
                    CollectedFunction.RESERVED, "GetFunctionConcurrency",
                    () -> f.reservedConcurrency = lambda.getFunctionConcurrency(b -> b.functionName(f.name()))
                            .reservedConcurrentExecutions()), pool)).toList();
            calls.forEach(CompletableFuture::join);
            if (unaccounted != null) {
                unaccounted -= wave.stream().mapToInt(f -> f.reservedConcurrency == null ? 0 : f.reservedConcurrency).sum();
            }
        }
        boolean allAccountedFor = unaccounted != null && unaccounted <= 0;
        Set<CollectedFunction> asked = Collections.newSetFromMap(new IdentityHashMap<>());
        asked.addAll(candidates.subList(0, next));
        for (CollectedFunction function : functions) {
            if (allAccountedFor) {
                if (!asked.contains(function) || function.unknownFields.contains(CollectedFunction.RESERVED)) {
                    function.reservedConcurrency = null;
                    function.unknownFields.remove(CollectedFunction.RESERVED);
                }
            } else if (!asked.contains(function)) {
                function.unknownFields.add(CollectedFunction.RESERVED);
            }
        }
    }

    /**
     * A reservation matters to the analyzer in two cases: a throttled function (raise it) and an idle reservation
     * (free it for the others). Freeing is only worth proposing when the account's unreserved concurrency is tight,
     * so with plenty unreserved only throttled functions are asked; unknown account settings count as tight.
     */
    static boolean poolIsTight(@Nullable AccountConcurrency account) {
        return account == null || account.unreservedConcurrentExecutions()
                < Math.max(TIGHT_UNRESERVED, account.concurrentExecutionsLimit() / 2);
    }

    private void attempt(CollectedFunction function, String field, String operation, Runnable call) {
        if (deadline.passed()) {
            function.unknown(field, operation + " not called: the collection's time budget ran out");
            return;
        }
        try {
            call.run();
        } catch (SdkException e) {
            function.unknown(field, failures.record(operation, field + " unknown", e));
        }
    }
}
