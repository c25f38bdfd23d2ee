package io.fleetopt.core.change;

import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.FunctionSettings;

import java.util.List;
import java.util.Optional;

/** Memory (UpdateFunctionConfiguration MemorySize): 128 to 10,240 MB. */
public record MemorySetting() implements SettingKind {

    public static final int MIN_MB = 128;
    public static final int MAX_MB = 10_240;
    public static final List<String> IAM_ACTIONS = List.of("lambda:GetFunctionConfiguration", "lambda:UpdateFunctionConfiguration");

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.MEMORY;
    }

    @Override
    public List<String> iamActions() {
        return IAM_ACTIONS;
    }

    @Override
    public String liveValue(FunctionSettings live) {
        return Integer.toString(live.memoryMb());
    }

    @Override
    public Optional<String> recordedValue(FunctionConfig config) {
        return Optional.of(Integer.toString(config.memoryMb()));
    }

    @Override
    public FunctionSettings withValue(FunctionSettings s, String value) {
        return new FunctionSettings(s.functionArn(), s.revisionId(), Integer.parseInt(value), s.timeoutSeconds(),
                s.reservedConcurrency(), s.tracingMode(), s.logRetentionDays(), s.tags());
    }

    @Override
    public Optional<String> limitProblem(String value) {
        Optional<Integer> mb = SettingKind.wholeNumber(value);
        if (mb.isEmpty() || mb.get() < MIN_MB || mb.get() > MAX_MB) {
            return Optional.of("memory '" + value + "' is not a whole number of MB from " + MIN_MB + " to " + MAX_MB);
        }
        return Optional.empty();
    }

    @Override
    public boolean carriesRevisionId() {
        return true;
    }

    @Override
    public List<GuardAlarmKind> guardAlarms() {
        return List.of(GuardAlarmKind.ERRORS, GuardAlarmKind.NEAR_TIMEOUT, GuardAlarmKind.P99_SLOWDOWN,
                GuardAlarmKind.MAX_MEMORY_USED, GuardAlarmKind.DLQ_DEPTH);
    }
}
