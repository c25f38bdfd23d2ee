package io.fleetopt.core.demo;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A demo function as it is now: its spec and the settings fleetopt may have changed since. */
@Serdeable
public record DemoFunction(
        DemoFunctionSpec spec,
        int memoryMb,
        int timeoutSeconds,
        @Nullable Integer reservedConcurrency,
        String tracingMode,
        @Nullable Integer logRetentionDays,
        int revision) {

    static DemoFunction created(DemoFunctionSpec spec) {
        return new DemoFunction(spec, spec.memoryMb(), spec.timeoutSeconds(), spec.reservedConcurrency(),
                spec.tracingMode(), spec.logRetentionDays(), 1);
    }

    public String name() {
        return spec.name();
    }
}
