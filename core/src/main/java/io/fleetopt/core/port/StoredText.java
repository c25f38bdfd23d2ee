package io.fleetopt.core.port;

import io.micronaut.core.annotation.Nullable;

/** A stored object's text and the version the store gave it (null where it keeps none). */
public record StoredText(String content, @Nullable String versionId) {
}
