package io.fleetopt.core.model;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One function: who it is, how it is configured, and what the metrics say about it. {@code qualifiers} says how it
 * is invoked (aliases, versions, where the traffic goes); null in a snapshot of schema version 1, which did not
 * read them.
 */
@Serdeable
public record FunctionProfile(
        String arn,
        String name,
        String region,
        FunctionConfig config,
        FunctionMetrics metrics,
        List<String> warnings,
        @Nullable FunctionQualifiers qualifiers) {

    @Creator
    public FunctionProfile {
    }

    /** A function whose qualifiers were not read. */
    public FunctionProfile(String arn, String name, String region, FunctionConfig config, FunctionMetrics metrics,
                           List<String> warnings) {
        this(arn, name, region, config, metrics, warnings, null);
    }

    /** The alias that carries the function's traffic, if one does (see {@link FunctionQualifiers#trafficAlias}). */
    public java.util.Optional<FunctionAlias> trafficAlias() {
        return qualifiers == null ? java.util.Optional.empty() : qualifiers.trafficAlias(metrics.invocations());
    }
}
