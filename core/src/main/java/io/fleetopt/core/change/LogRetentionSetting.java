package io.fleetopt.core.change;

import io.fleetopt.core.model.LogRetentionDays;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.FunctionSettings;

import java.util.List;
import java.util.Optional;

/** The log group's retention (PutRetentionPolicy, or DeleteRetentionPolicy for "never"): CloudWatch's periods only. */
public record LogRetentionSetting() implements SettingKind {

    public static final List<String> IAM_ACTIONS = List.of("lambda:GetFunctionConfiguration", "logs:DescribeLogGroups",
            "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy");

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.LOG_RETENTION;
    }

    @Override
    public List<String> iamActions() {
        return IAM_ACTIONS;
    }

    @Override
    public String liveValue(FunctionSettings live) {
        return SettingValues.ofRetention(live.logRetentionDays());
    }

    @Override
    public Optional<String> recordedValue(FunctionConfig config) {
        return config.isUnknown("logRetentionDays") ? Optional.empty()
                : Optional.of(SettingValues.ofRetention(config.logRetentionDays()));
    }

    @Override
    public FunctionSettings withValue(FunctionSettings s, String value) {
        return new FunctionSettings(s.functionArn(), s.revisionId(), s.memoryMb(), s.timeoutSeconds(),
                s.reservedConcurrency(), s.tracingMode(), SettingValues.parseOptional(value), s.tags());
    }

    @Override
    public Optional<String> limitProblem(String value) {
        if (SettingValues.NEVER_EXPIRES.equals(value)) {
            return Optional.empty();
        }
        Optional<Integer> days = SettingKind.wholeNumber(value);
        if (days.isEmpty() || !LogRetentionDays.isAllowed(days.get())) {
            return Optional.of("log retention '" + value + "' is not 'never' or a period CloudWatch Logs accepts ("
                    + LogRetentionDays.allowedText() + ")");
        }
        return Optional.empty();
    }

    @Override
    public boolean carriesRevisionId() {
        return false;
    }

    @Override
    public List<GuardAlarmKind> guardAlarms() {
        return List.of();
    }
}
