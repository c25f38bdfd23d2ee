package io.fleetopt.core.change;

import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.FunctionSettings;

import java.util.List;
import java.util.Optional;

/**
 * A change kind the applier may make: the setting it changes, the IAM actions applying it calls, how its live value
 * reads, the limits AWS itself puts on its value, and the guard alarms a change of it gets. The registry
 * ({@link SettingKinds}) lists them; a kind that is not there is a finding for the owner, never changed. How a kind is
 * written on AWS is its writer's, beside the applier's Lambda adapter (core has no AWS SDK): a new kind is this class,
 * its writer, and a line in each registry.
 */
public sealed interface SettingKind permits MemorySetting, TimeoutSetting, ReservedConcurrencySetting,
        LogRetentionSetting, TracingSetting {

    RecommendationKind kind();

    /** The IAM actions applying (and reading back) this kind calls, beside the reads every change makes. */
    List<String> iamActions();

    /** The live value, in canonical form (see {@link io.fleetopt.core.model.SettingValues}). */
    String liveValue(FunctionSettings live);

    /** The value a run's snapshot recorded (canonical form), or empty where the snapshot says it is unknown. */
    Optional<String> recordedValue(FunctionConfig config);

    /**
     * {@code settings} with this kind's setting at {@code value} (canonical form), the revision id as it was: how the
     * demo account writes this kind, as its AWS writer (in the applier's {@code aws} package) does on Lambda.
     */
    FunctionSettings withValue(FunctionSettings settings, String value);

    /** Why AWS would refuse (or a function could not run with) {@code value}; empty when it is within the limits. */
    Optional<String> limitProblem(String value);

    /** True when a change goes through UpdateFunctionConfiguration: it carries and changes the revision id. */
    boolean carriesRevisionId();

    /** The guard alarms a function gets after this kind changed on it. */
    List<GuardAlarmKind> guardAlarms();

    /** Parses a whole number, or empty when {@code value} is not one. */
    static Optional<Integer> wholeNumber(String value) {
        if (value == null || !value.matches("-?\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(value));
    }
}
