package io.fleetopt.infra.e2e;

import io.fleetopt.infra.statemachine.HandlerBridge;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Every request an SDK client of this JVM sends while a Task state's handler runs on the {@link HandlerBridge},
 * as the IAM action it needs ({@code lambda:GetFunction}), by state (and apart, by state {@value #AS_MEMBER_ROLE}, the
 * calls signed with assumed-role credentials); retries included. Registered for all SDK
 * clients through {@code software/amazon/awssdk/global/handlers/execution.interceptors} (test resources), so the
 * handlers' own clients are recorded without touching their code. The SDK makes one instance per client, so the
 * record is shared; the state is the handler thread's and is inherited by the threads it starts (the collector's pool).
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    /** Added to the state's name for the calls it made with assumed-role credentials (a member account's role). */
    static final String AS_MEMBER_ROLE = " as member role";
    private static final InheritableThreadLocal<String> CURRENT_STATE = new InheritableThreadLocal<>();
    private static final Map<String, Map<String, LongAdder>> CALLS = new ConcurrentHashMap<>();
    /** The SDK's service names, as IAM's service prefixes. */
    private static final Map<String, String> IAM_PREFIX = Map.ofEntries(
            Map.entry("Lambda", "lambda"), Map.entry("S3", "s3"), Map.entry("DynamoDb", "dynamodb"),
            Map.entry("Sns", "sns"), Map.entry("Sqs", "sqs"), Map.entry("CloudWatch", "cloudwatch"),
            Map.entry("CloudWatchLogs", "logs"), Map.entry("ResourceGroupsTaggingApi", "tag"),
            Map.entry("CostExplorer", "ce"), Map.entry("Iam", "iam"), Map.entry("Sts", "sts"),
            Map.entry("SecretsManager", "secretsmanager"), Map.entry("Sfn", "states"));

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String state = CURRENT_STATE.get();
        if (state == null) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String action = IAM_PREFIX.getOrDefault(service, "unknown-" + service) + ":" + operation;
        // signed with a session token: assumed-role credentials (the member role), whose own policy must allow it
        String principal = context.httpRequest().firstMatchingHeader("X-Amz-Security-Token").isPresent()
                ? state + AS_MEMBER_ROLE : state;
        CALLS.computeIfAbsent(principal, s -> new ConcurrentHashMap<>()).computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    /** Marks the calls of the handler thread (and the threads it starts) as the state's. */
    static HandlerBridge.Observer observer() {
        return new HandlerBridge.Observer() {
            @Override
            public void entering(String state) {
                CURRENT_STATE.set(state);
            }

            @Override
            public void left(String state) {
                CURRENT_STATE.remove();
            }
        };
    }

    /** The calls recorded so far: state -> IAM action -> requests, in name order. */
    static Map<String, Map<String, Long>> calls() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        CALLS.forEach((state, actions) -> {
            Map<String, Long> counts = new TreeMap<>();
            actions.forEach((action, count) -> counts.put(action, count.sum()));
            copy.put(state, counts);
        });
        return copy;
    }

    /** Runs {@code work} with its SDK calls recorded as {@code state}'s (rollback, run outside the state machine). */
    static <T> T as(String state, Supplier<T> work) {
        CURRENT_STATE.set(state);
        try {
            return work.get();
        } finally {
            CURRENT_STATE.remove();
        }
    }

    static void reset() {
        CALLS.clear();
    }
}
