package io.fleetopt.notifier;

import io.fleetopt.core.change.LatencyGuard;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.core.port.GuardAlarmLabel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardAlarmsTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:f";

    private static FunctionProfile function(MemorySource memory, String deadLetterArn, long errors, Double p99Ms) {
        FunctionConfig config = new FunctionConfig("java21", "x86_64", 1024, 10, null, null, "PassThrough", deadLetterArn, null,
                "/aws/lambda/f", 30, 0L, Map.of(), null, "rev-1", null, List.of());
        FunctionMetrics metrics = new FunctionMetrics(14, 1_000_000, errors, 0, 200.0, 180.0, p99Ms, 900.0, 10, 0L, null,
                memory == MemorySource.NONE ? null : 300, memory, null, List.of());
        return new FunctionProfile(ARN, "f", "us-east-1", config, metrics, List.of());
    }

    private static List<GuardAlarm> alarms(FunctionProfile f, RecommendationKind... kinds) {
        return GuardAlarms.forFunction("run-1", f, List.of(kinds), 10, 512, LatencyGuard.defaults());
    }

    private static GuardAlarm named(List<GuardAlarm> alarms, String name) {
        return alarms.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + alarms));
    }

    @Test
    void guardsAMemoryCutWithErrorsTimeoutP99AgainstItsOwnBaselineAndInsightsMemory() {
        List<GuardAlarm> alarms = alarms(function(MemorySource.LAMBDA_INSIGHTS, null, 0, 1200.0), RecommendationKind.MEMORY);
        assertEquals(List.of("fleetopt-f-errors", "fleetopt-f-near-timeout", "fleetopt-f-p99-slowdown", "fleetopt-f-max-memory"),
                alarms.stream().map(GuardAlarm::name).toList());
        assertEquals(9000.0, named(alarms, "fleetopt-f-near-timeout").threshold(), "90 % of the 10 s timeout, in ms");
        GuardAlarm p99 = named(alarms, "fleetopt-f-p99-slowdown");
        assertEquals(List.of("Duration", "p99", "AWS/Lambda"), List.of(p99.metricName(), p99.statistic(), p99.namespace()));
        assertEquals(1440.0, p99.threshold(), "its 1,200 ms p99 before the change plus 20 %");
        assertEquals(List.of(3600, 3), List.of(p99.periodSeconds(), p99.evaluationPeriods()));
        GuardAlarm memory = named(alarms, "fleetopt-f-max-memory");
        assertEquals(List.of("LambdaInsights", "used_memory_max", Map.of("function_name", "f")),
                List.of(memory.namespace(), memory.metricName(), memory.dimensions()));
        assertEquals(486.0, memory.threshold(), "95 % of the 512 MB the run left it with");
        assertEquals(new GuardAlarmLabel("run-1", ARN), GuardAlarmLabel.parse(p99.description()).orElseThrow());
    }

    @Test
    void theLatencyGuardOfThePolicySetsTheP99Threshold() {
        GuardAlarm p99 = named(GuardAlarms.forFunction("run-1", function(MemorySource.LOGS_INSIGHTS, null, 0, 1000.0),
                List.of(RecommendationKind.MEMORY), 10, 512, new LatencyGuard(50)), "fleetopt-f-p99-slowdown");
        assertEquals(1500.0, p99.threshold());
        assertTrue(p99.reason().contains("more than 50 % over its 1000.0 ms p99"), p99.reason());
    }

    @Test
    void withoutLambdaInsightsAMemoryCutGetsNoMemoryAlarmAndWithoutAP99NoP99Alarm() {
        List<String> names = alarms(function(MemorySource.LOGS_INSIGHTS, null, 0, null), RecommendationKind.MEMORY).stream()
                .map(GuardAlarm::name).toList();
        assertEquals(List.of("fleetopt-f-errors", "fleetopt-f-near-timeout"), names);
    }

    @Test
    void watchesAnSqsDeadLetterQueueButNotAnSnsOne() {
        GuardAlarm dlq = named(alarms(function(MemorySource.NONE, "arn:aws:sqs:us-east-1:123456789012:f-dlq", 0, 100.0),
                RecommendationKind.TIMEOUT), "fleetopt-f-dlq-depth");
        assertEquals(List.of("AWS/SQS", "ApproximateNumberOfMessagesVisible", Map.of("QueueName", "f-dlq"), "Maximum", 1.0),
                List.of(dlq.namespace(), dlq.metricName(), dlq.dimensions(), dlq.statistic(), dlq.threshold()));
        assertTrue(alarms(function(MemorySource.NONE, "arn:aws:sns:us-east-1:123456789012:f-failures", 0, 100.0),
                RecommendationKind.TIMEOUT).stream().noneMatch(a -> a.name().endsWith("dlq-depth")));
    }

    @Test
    void errorsCountOnlyAboveTwiceTheFunctionsOwnRateBeforeTheChange() {
        assertEquals(1.0, named(alarms(function(MemorySource.NONE, null, 0, null), RecommendationKind.MEMORY), "fleetopt-f-errors").threshold());
        // 40,320 errors in 14 days = 10 per 5 minutes: the alarm counts from 20
        GuardAlarm errors = named(alarms(function(MemorySource.NONE, null, 40_320, null), RecommendationKind.MEMORY), "fleetopt-f-errors");
        assertEquals(20.0, errors.threshold());
        assertTrue(errors.reason().contains("10.0 per 5 minutes over 14 days"), errors.reason());
    }

    @Test
    void guardsAConcurrencyCapWithThrottles() {
        assertTrue(alarms(function(MemorySource.NONE, null, 0, null), RecommendationKind.RESERVED_CONCURRENCY).stream()
                .anyMatch(a -> a.metricName().equals("Throttles")));
    }

    @Test
    void needsNoAlarmForALogRetentionChange() {
        assertTrue(alarms(function(MemorySource.NONE, null, 0, 100.0), RecommendationKind.LOG_RETENTION).isEmpty());
    }
}
