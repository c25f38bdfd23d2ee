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

    public static final int SCHEMA_VERSION = 1;
}
