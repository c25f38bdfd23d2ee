package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One function's line in the plan's accounting: its verdict, how many items it has, and in words either the
 * reason it was left alone, what was checked when nothing was to change, or what could not be assessed beside its
 * items. {@code evidenceUnavailable} carries the cause when its metrics could not be read.
 */
@Serdeable
public record FunctionVerdict(String functionArn, String functionName, Verdict verdict, int items, String detail,
                              @Nullable String evidenceUnavailable) {
}
