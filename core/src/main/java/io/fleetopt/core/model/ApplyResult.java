package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** What the applier did with each approved item. */
@Serdeable
public record ApplyResult(int schemaVersion, String runId, Instant finishedAt, List<ItemOutcome> items) {

    public static final int SCHEMA_VERSION = 1;

    public long count(ApplyStatus status) {
        return items.stream().filter(i -> i.status() == status).count();
    }
}
