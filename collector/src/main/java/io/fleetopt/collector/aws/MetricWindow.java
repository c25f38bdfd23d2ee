package io.fleetopt.collector.aws;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The lookback window in whole UTC days: from the start of {@code firstDay} to the start of {@code endDay} (excluded). */
record MetricWindow(LocalDate firstDay, LocalDate endDay) {

    static MetricWindow lastDays(int days, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return new MetricWindow(today.minusDays(days), today);
    }

    long days() {
        return ChronoUnit.DAYS.between(firstDay, endDay);
    }

    Instant start() {
        return firstDay.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    Instant end() {
        return endDay.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
