package io.fleetopt.core.demo;

import io.fleetopt.core.model.RecommendationKind;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/** A setting changed on the demo account, from {@code date} on; the cost history and metrics follow it. */
@Serdeable
public record DemoChange(LocalDate date, String functionName, RecommendationKind kind, String before, String after) {
}
