package io.fleetopt.core.change;

import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.FunctionSettings;

import java.util.List;
import java.util.Optional;

/** Timeout (UpdateFunctionConfiguration Timeout): 1 to 900 s. */
public record TimeoutSetting() implements SettingKind {

    public static final int MIN_SECONDS = 1;
    public static final int MAX_SECONDS = 900;
    public static final List<String> IAM_ACTIONS = List.of("lambda:GetFunctionConfiguration", "lambda:UpdateFunctionConfiguration");

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.TIMEOUT;
    }

    @Override
    public List<String> iamActions() {
        return IAM_ACTIONS;
    }

    @Override
    public String liveValue(FunctionSettings live) {
        return Integer.toString(live.timeoutSeconds());
    }

    @Override
    public Optional<String> recordedValue(FunctionConfig config) {
        return Optional.of(Integer.toString(config.timeoutSeconds()));
    }

    @Override
    public FunctionSettings withValue(FunctionSettings s, String value) {
        return new FunctionSettings(s.functionArn(), s.revisionId(), s.memoryMb(), Integer.parseInt(value),
                s.reservedConcurrency(), s.tracingMode(), s.logRetentionDays(), s.tags());
    }

    @Override
    public Optional<String> limitProblem(String value) {
        Optional<Integer> seconds = SettingKind.wholeNumber(value);
        if (seconds.isEmpty() || seconds.get() < MIN_SECONDS || seconds.get() > MAX_SECONDS) {
            return Optional.of("timeout '" + value + "' is not a whole number of seconds from " + MIN_SECONDS + " to " + MAX_SECONDS);
        }
        return Optional.empty();
    }

    @Override
    public boolean carriesRevisionId() {
        return true;
    }

    @Override
    public List<GuardAlarmKind> guardAlarms() {
        return List.of(GuardAlarmKind.ERRORS, GuardAlarmKind.NEAR_TIMEOUT, GuardAlarmKind.DLQ_DEPTH);
    }
}
