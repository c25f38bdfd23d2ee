package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A published version of a function (ListVersionsByFunction): its number, the code it runs, the settings fleetopt
 * changes as they are in that version, and its description (fleetopt's own versions say so in it).
 */
@Serdeable
public record PublishedVersion(
        String version,
        String codeSha256,
        int memoryMb,
        int timeoutSeconds,
        String tracingMode,
        @Nullable String description) {

    /** How fleetopt's own published versions begin their description. */
    public static final String FLEETOPT_DESCRIPTION_PREFIX = "fleetopt ";

    public boolean publishedByFleetopt() {
        return description != null && description.startsWith(FLEETOPT_DESCRIPTION_PREFIX);
    }
}
