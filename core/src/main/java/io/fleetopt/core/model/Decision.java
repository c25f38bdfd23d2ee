package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** What an approver decided about a plan's items. */
@Serdeable
public record Decision(
        int schemaVersion,
        String runId,
        List<String> approvedItemIds,
        List<String> rejectedItemIds,
        String approver,
        Instant decidedAt) {

    public static final int SCHEMA_VERSION = 1;
}
