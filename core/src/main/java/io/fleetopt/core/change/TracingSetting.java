package io.fleetopt.core.change;

import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.FunctionSettings;

import java.util.List;
import java.util.Optional;

/** X-Ray tracing (UpdateFunctionConfiguration TracingConfig): Active or PassThrough. */
public record TracingSetting() implements SettingKind {

    public static final List<String> MODES = List.of("Active", "PassThrough");
    public static final List<String> IAM_ACTIONS = List.of("lambda:GetFunctionConfiguration", "lambda:UpdateFunctionConfiguration");

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.TRACING;
    }

    @Override
    public List<String> iamActions() {
        return IAM_ACTIONS;
    }

    @Override
    public String liveValue(FunctionSettings live) {
        return live.tracingMode();
    }

    @Override
    public Optional<String> recordedValue(FunctionConfig config) {
        return Optional.of(config.tracingMode());
    }

    @Override
    public FunctionSettings withValue(FunctionSettings s, String value) {
        return new FunctionSettings(s.functionArn(), s.revisionId(), s.memoryMb(), s.timeoutSeconds(),
                s.reservedConcurrency(), value, s.logRetentionDays(), s.tags());
    }

    @Override
    public Optional<String> limitProblem(String value) {
        return MODES.contains(value) ? Optional.empty()
                : Optional.of("tracing mode '" + value + "' is not one of " + MODES);
    }

    @Override
    public boolean carriesRevisionId() {
        return true;
    }

    @Override
    public List<GuardAlarmKind> guardAlarms() {
        return List.of();
    }
}
