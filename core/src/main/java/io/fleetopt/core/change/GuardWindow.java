package io.fleetopt.core.change;

import java.time.Duration;
import java.time.Instant;

/**
 * How long after a change its guard alarms may roll it back, {@value #PROPERTY} (default {@value #DEFAULT_DAYS}):
 * an alarm that fires later is about something else than the change.
 */
public record GuardWindow(int days) {

    public static final String PROPERTY = "fleetopt.applier.guard-window-days";
    public static final int DEFAULT_DAYS = 7;

    public GuardWindow {
        if (days < 1 || days > 90) {
            throw new IllegalArgumentException(PROPERTY + " must be a whole number of days from 1 to 90, got " + days);
        }
    }

    public static GuardWindow defaults() {
        return new GuardWindow(DEFAULT_DAYS);
    }

    /** True when {@code alarmAt} is at or after {@code changedAt} and less than the window after it. */
    public boolean contains(Instant changedAt, Instant alarmAt) {
        return !alarmAt.isBefore(changedAt) && alarmAt.isBefore(changedAt.plus(Duration.ofDays(days)));
    }
}
