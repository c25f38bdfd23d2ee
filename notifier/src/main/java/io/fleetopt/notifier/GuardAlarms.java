package io.fleetopt.notifier;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.GuardAlarm;

import java.util.List;

/**
 * The alarms that guard a function after fleetopt changed it: errors for any change that could make it fail,
 * duration near the (new) timeout after memory or timeout changes, throttles after a concurrency change.
 */
final class GuardAlarms {

    static final int PERIOD_SECONDS = 300;
    static final double NEAR_TIMEOUT = 0.9;

    private GuardAlarms() {
    }

    static List<GuardAlarm> forChange(String functionArn, String functionName, RecommendationKind kind, int timeoutSeconds) {
        return switch (kind) {
            case MEMORY, TIMEOUT -> List.of(errors(functionArn, functionName, kind), nearTimeout(functionArn, functionName, timeoutSeconds));
            case RESERVED_CONCURRENCY -> List.of(errors(functionArn, functionName, kind), throttles(functionArn, functionName));
            case LOG_RETENTION, TRACING, PROVISIONED_CONCURRENCY, DLQ, ALARMS, RUNTIME, ARCHITECTURE, ERRORS -> List.of();
        };
    }

    private static GuardAlarm errors(String arn, String name, RecommendationKind kind) {
        return new GuardAlarm("fleetopt-" + name + "-errors", arn, name, "Errors", "Sum", 1, PERIOD_SECONDS, 3,
                "errors after fleetopt changed its " + kind.label());
    }

    private static GuardAlarm nearTimeout(String arn, String name, int timeoutSeconds) {
        return new GuardAlarm("fleetopt-" + name + "-near-timeout", arn, name, "Duration", "Maximum",
                timeoutSeconds * 1000.0 * NEAR_TIMEOUT, PERIOD_SECONDS, 1,
                "an invocation ran past 90 % of its " + timeoutSeconds + " s timeout");
    }

    private static GuardAlarm throttles(String arn, String name) {
        return new GuardAlarm("fleetopt-" + name + "-throttles", arn, name, "Throttles", "Sum", 1, PERIOD_SECONDS, 1,
                "throttled after fleetopt changed its reserved concurrency");
    }
}
