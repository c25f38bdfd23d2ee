package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/** One day of a function's metrics. */
@Serdeable
public record DailyMetrics(LocalDate date, long invocations, long errors, long throttles,
                           @Nullable Double durationAvgMs, @Nullable Double durationMaxMs) {
}
