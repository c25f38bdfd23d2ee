package io.fleetopt.notifier;

import io.fleetopt.core.change.GuardAlarmCoverage;
import io.fleetopt.core.change.GuardAlarmKind;
import io.fleetopt.core.change.LatencyGuard;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.GuardAlarm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alarms that guard a function after a run changed it, as {@link GuardAlarmCoverage} lists them: errors and
 * throttles above twice the function's own rate before the change, a duration near the (new) timeout, the duration
 * p99 above its own p99 before the change by more than the latency guard allows ({@link LatencyGuard}), the max
 * memory used near the (new) memory (Lambda Insights), and messages in its SQS dead-letter queue. Each is named
 * {@code fleetopt-<function>-<kind>} (one per function and kind: a later run's changes take it over) and its
 * description carries the run and the function.
 */
final class GuardAlarms {

    static final int PERIOD_SECONDS = 300;
    static final int P99_PERIOD_SECONDS = 3600;
    static final int P99_EVALUATION_PERIODS = 3;
    static final double NEAR_TIMEOUT = 0.9;
    static final double NEAR_MEMORY = 0.95;
    static final String INSIGHTS_NAMESPACE = "LambdaInsights";
    static final String SQS_NAMESPACE = "AWS/SQS";
    private static final double PERIODS_PER_DAY = 86_400.0 / PERIOD_SECONDS;

    private GuardAlarms() {
    }

    /**
     * The alarms of {@code function} after run {@code runId} changed {@code changed} on it, leaving it with
     * {@code timeoutSeconds} and {@code memoryMb}.
     */
    static List<GuardAlarm> forFunction(String runId, FunctionProfile function, Collection<RecommendationKind> changed,
                                        int timeoutSeconds, int memoryMb, LatencyGuard latency) {
        String label = String.join(", ", changed.stream().distinct().map(RecommendationKind::label).toList());
        List<GuardAlarm> alarms = new ArrayList<>();
        for (GuardAlarmKind kind : GuardAlarmCoverage.of(changed, function).wired()) {
            alarms.add(switch (kind) {
                case ERRORS -> aboveBaseline(runId, function, kind, "Errors", function.metrics().errors(), "errors", label);
                case THROTTLES -> aboveBaseline(runId, function, kind, "Throttles", function.metrics().throttles(),
                        "throttles", label);
                case NEAR_TIMEOUT -> lambda(runId, function, kind, "Duration", "Maximum", timeoutSeconds * 1000.0 * NEAR_TIMEOUT,
                        PERIOD_SECONDS, 1, "an invocation ran past 90 % of its " + timeoutSeconds + " s timeout");
                case P99_SLOWDOWN -> p99(runId, function, latency);
                case MAX_MEMORY_USED -> new GuardAlarm(name(function, kind), function.arn(), function.name(), INSIGHTS_NAMESPACE,
                        "used_memory_max", Map.of("function_name", function.name()), "Maximum",
                        Math.floor(memoryMb * NEAR_MEMORY), PERIOD_SECONDS, 1,
                        String.format(Locale.ROOT, "max memory used reached 95 %% of its %d MB (Lambda Insights)", memoryMb), runId);
                case DLQ_DEPTH -> {
                    String queue = GuardAlarmCoverage.sqsQueueName(function.config().deadLetterTargetArn()).orElseThrow();
                    yield new GuardAlarm(name(function, kind), function.arn(), function.name(), SQS_NAMESPACE,
                            "ApproximateNumberOfMessagesVisible", Map.of("QueueName", queue), "Maximum", 1, PERIOD_SECONDS, 1,
                            "messages in its dead-letter queue " + queue + " after fleetopt changed its " + label, runId);
                }
            });
        }
        return alarms;
    }

    private static String name(FunctionProfile function, GuardAlarmKind kind) {
        return "fleetopt-" + function.name() + "-" + kind.nameSuffix();
    }

    private static GuardAlarm lambda(String runId, FunctionProfile function, GuardAlarmKind kind, String metric, String statistic,
                                     double threshold, int periodSeconds, int evaluationPeriods, String reason) {
        return new GuardAlarm(name(function, kind), function.arn(), function.name(), GuardAlarm.LAMBDA_NAMESPACE, metric,
                Map.of("FunctionName", function.name()), statistic, threshold, periodSeconds, evaluationPeriods, reason, runId);
    }

    /**
     * At least 1 in a 5-minute period, three periods in a row, and above twice the function's own rate before the
     * change, so that a function that always had a few errors does not count them against the change.
     */
    private static GuardAlarm aboveBaseline(String runId, FunctionProfile function, GuardAlarmKind kind, String metric, long count,
                                            String what, String changed) {
        FunctionMetrics metrics = function.metrics();
        double perPeriod = metrics.daysWithData() == 0 ? 0 : count / (metrics.daysWithData() * PERIODS_PER_DAY);
        double threshold = Math.max(1, Math.ceil(2 * perPeriod));
        int periods = kind == GuardAlarmKind.ERRORS ? 3 : 1;
        String reason = threshold == 1
                ? what + " after fleetopt changed its " + changed
                : String.format(Locale.ROOT, "%s above twice its rate before fleetopt changed its %s (%.1f per 5 minutes over %d days)",
                what, changed, perPeriod, metrics.daysWithData());
        return lambda(runId, function, kind, metric, "Sum", threshold, PERIOD_SECONDS, periods, reason);
    }

    private static GuardAlarm p99(String runId, FunctionProfile function, LatencyGuard latency) {
        double baseline = function.metrics().durationP99Ms();
        double threshold = latency.thresholdMs(baseline);
        return lambda(runId, function, GuardAlarmKind.P99_SLOWDOWN, "Duration", "p99", threshold, P99_PERIOD_SECONDS,
                P99_EVALUATION_PERIODS, String.format(Locale.ROOT,
                        "duration p99 above %.1f ms for 3 hours: more than %s over its %.1f ms p99 before the change",
                        threshold, latency.percentText(), baseline));
    }
}
