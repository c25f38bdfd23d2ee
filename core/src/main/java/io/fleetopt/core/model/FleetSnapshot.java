package io.fleetopt.core.model;

import io.fleetopt.core.scope.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** What the collector saw: every function discovered, with its configuration and evidence. */
@Serdeable
public record FleetSnapshot(
        int schemaVersion,
        String runId,
        String accountId,
        List<String> regions,
        int lookbackDays,
        Instant collectedAt,
        Scope scope,
        AccountConcurrency accountConcurrency,
        List<FunctionProfile> functions,
        List<String> warnings,
        @Nullable CollectionCost collectionCost) {

    /** 2: functions carry their qualifiers (aliases, versions, traffic by alias). */
    public static final int SCHEMA_VERSION = 2;
    /** Version 1 snapshots are still read: their functions have no qualifiers (not read then). */
    public static final int OLDEST_READABLE_SCHEMA_VERSION = 1;
}
