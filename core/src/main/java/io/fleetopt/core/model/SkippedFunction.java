package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

/** A function the analyzer did not change, with the reason in words. */
@Serdeable
public record SkippedFunction(String functionArn, String functionName, String reason) {
}
