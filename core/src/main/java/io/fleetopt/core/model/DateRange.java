package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The days [from, toExclusive). */
@Serdeable
public record DateRange(LocalDate from, LocalDate toExclusive) {

    public DateRange {
        if (toExclusive.isBefore(from)) {
            throw new IllegalArgumentException("date range ends (" + toExclusive + ") before it starts (" + from + ")");
        }
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, toExclusive);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(toExclusive);
    }

    /** "2026-11-02 to 2026-11-08" (the last day included). */
    public String display() {
        return from + " to " + toExclusive.minusDays(1);
    }
}
