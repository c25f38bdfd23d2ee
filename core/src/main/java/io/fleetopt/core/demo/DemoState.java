package io.fleetopt.core.demo;

import io.fleetopt.core.json.FieldChecks;
import io.fleetopt.core.json.Validated;
import io.fleetopt.core.port.GuardAlarm;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Everything the demo account remembers between runs, saved as JSON in the state folder. */
@Serdeable
public record DemoState(int schemaVersion, long seed, LocalDate today, List<DemoFunction> functions,
                        List<DemoChange> changes, List<GuardAlarm> alarms) implements Validated {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate(FieldChecks checks) {
        checks.schemaVersion(schemaVersion, SCHEMA_VERSION);
        checks.notNull(today, "today");
        checks.notNull(functions, "functions");
        checks.notNull(changes, "changes");
        checks.notNull(alarms, "alarms");
        if (functions == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < functions.size(); i++) {
            DemoFunction f = functions.get(i);
            String at = "functions[" + i + "]";
            checks.notNull(f, at);
            if (f == null) {
                continue;
            }
            checks.notNull(f.spec(), at + ".spec");
            if (f.spec() != null) {
                checks.notBlank(f.spec().name(), at + ".spec.name");
                checks.require(f.spec().name() == null || names.add(f.spec().name()), at + ".spec.name",
                        "'" + f.spec().name() + "' appears twice");
                checks.require(f.spec().dailyInvocations() >= 0, at + ".spec.dailyInvocations", "must not be negative");
                checks.require(f.spec().averageDurationMs() > 0, at + ".spec.averageDurationMs", "must be positive");
                checks.notNull(f.spec().tags(), at + ".spec.tags");
                checks.between(f.spec().memoryMb(), 128, 10_240, at + ".spec.memoryMb");
                checks.between(f.spec().timeoutSeconds(), 1, 900, at + ".spec.timeoutSeconds");
                checks.notNull(f.spec().memorySource(), at + ".spec.memorySource");
            }
            checks.between(f.memoryMb(), 128, 10_240, at + ".memoryMb");
            checks.between(f.timeoutSeconds(), 1, 900, at + ".timeoutSeconds");
            checks.notBlank(f.tracingMode(), at + ".tracingMode");
            checks.require(f.revision() >= 1, at + ".revision", "must be at least 1");
        }
    }
}
