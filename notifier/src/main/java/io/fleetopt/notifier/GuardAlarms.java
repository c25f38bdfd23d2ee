package io.fleetopt.notifier;

import io.fleetopt.core.change.GuardAlarmKind;
import io.fleetopt.core.change.SettingKind;
import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.GuardAlarm;

import java.util.List;

/**
 * The alarms that guard a function after fleetopt changed it, as the change kind's registry entry lists them
 * ({@link SettingKind#guardAlarms()}): errors, duration near the (new) timeout, throttles.
 */
final class GuardAlarms {

    static final int PERIOD_SECONDS = 300;
    static final double NEAR_TIMEOUT = 0.9;

    private GuardAlarms() {
    }

    static List<GuardAlarm> forChange(String functionArn, String functionName, RecommendationKind kind, int timeoutSeconds) {
        List<GuardAlarmKind> wanted = SettingKinds.of(kind).map(SettingKind::guardAlarms).orElse(List.of());
        return wanted.stream().map(alarm -> switch (alarm) {
            case ERRORS -> errors(functionArn, functionName, kind);
            case NEAR_TIMEOUT -> nearTimeout(functionArn, functionName, timeoutSeconds);
            case THROTTLES -> throttles(functionArn, functionName);
        }).toList();
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
