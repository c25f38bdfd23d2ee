package io.fleetopt.collector.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The end of the run's time budget: what is not collected by then stays unknown, with a warning. */
record Deadline(Instant at, Clock clock) {

    static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    boolean passed() {
        return !clock.instant().isBefore(at);
    }

    Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
