package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** What undoing a run's changes did, item by item. */
@Serdeable
public record RollbackResult(String runId, Instant finishedAt, List<RollbackOutcome> items) {

    public long count(RollbackStatus status) {
        return items.stream().filter(i -> i.status() == status).count();
    }
}
