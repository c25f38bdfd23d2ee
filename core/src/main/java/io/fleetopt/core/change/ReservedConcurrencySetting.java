package io.fleetopt.core.change;

import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.FunctionSettings;

import java.util.List;
import java.util.Optional;

/**
 * Reserved concurrency (PutFunctionConcurrency, or DeleteFunctionConcurrency for "none"). Zero would stop every
 * invocation of the function, so the applier never sets it.
 */
public record ReservedConcurrencySetting() implements SettingKind {

    public static final List<String> IAM_ACTIONS = List.of("lambda:GetAccountSettings", "lambda:PutFunctionConcurrency",
            "lambda:DeleteFunctionConcurrency");

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.RESERVED_CONCURRENCY;
    }

    @Override
    public List<String> iamActions() {
        return IAM_ACTIONS;
    }

    @Override
    public String liveValue(FunctionSettings live) {
        return SettingValues.ofOptional(live.reservedConcurrency());
    }

    @Override
    public Optional<String> recordedValue(FunctionConfig config) {
        return config.isUnknown("reservedConcurrency") ? Optional.empty()
                : Optional.of(SettingValues.ofOptional(config.reservedConcurrency()));
    }

    @Override
    public FunctionSettings withValue(FunctionSettings s, String value) {
        return new FunctionSettings(s.functionArn(), s.revisionId(), s.memoryMb(), s.timeoutSeconds(),
                SettingValues.parseOptional(value), s.tracingMode(), s.logRetentionDays(), s.tags());
    }

    @Override
    public Optional<String> limitProblem(String value) {
        if (SettingValues.NONE.equals(value)) {
            return Optional.empty();
        }
        Optional<Integer> reserved = SettingKind.wholeNumber(value);
        if (reserved.isEmpty() || reserved.get() < 1) {
            return Optional.of("reserved concurrency '" + value + "' is not 'none' or a whole number of at least 1"
                    + " (0 stops every invocation)");
        }
        return Optional.empty();
    }

    @Override
    public boolean carriesRevisionId() {
        return false;
    }

    @Override
    public List<GuardAlarmKind> guardAlarms() {
        return List.of(GuardAlarmKind.ERRORS, GuardAlarmKind.THROTTLES, GuardAlarmKind.DLQ_DEPTH);
    }
}
