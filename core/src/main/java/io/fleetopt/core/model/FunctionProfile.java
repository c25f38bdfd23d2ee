package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One function: who it is, how it is configured, and what the metrics say about it. */
@Serdeable
public record FunctionProfile(
        String arn,
        String name,
        String region,
        FunctionConfig config,
        FunctionMetrics metrics,
        List<String> warnings) {
}
