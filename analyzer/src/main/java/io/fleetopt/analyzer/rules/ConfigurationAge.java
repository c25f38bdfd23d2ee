package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.FunctionProfile;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a function has run as it is now configured (Lambda's LastModified, e.g. "2026-11-02T06:00:00.000+0000").
 * Durations measured before its last change (new code or memory) say little about how it runs now.
 */
final class ConfigurationAge {

    private static final DateTimeFormatter LAMBDA_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private ConfigurationAge() {
    }

    /** Whole days between the last change and collection; empty when LastModified is unknown or unreadable. */
    static Optional<Long> daysSinceLastChange(FunctionProfile function, Instant collectedAt) {
        String lastModified = function.config().lastModified();
        if (lastModified == null) {
            return Optional.empty();
        }
        try {
            Instant changed = OffsetDateTime.parse(lastModified, LAMBDA_FORMAT).toInstant();
            return Optional.of(Duration.between(changed, collectedAt).toDays());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
