package io.fleetopt.analyzer;

import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.scope.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A snapshot for tests: the given functions in one account, collected on 2026-11-02, with plenty of unreserved concurrency. */
public final class SnapshotBuilder {

    public static final Instant COLLECTED_AT = Instant.parse("2026-11-02T06:00:00Z");

    private final List<FunctionProfile> functions = new ArrayList<>();
    private int concurrencyLimit = 1000;
    private int unreservedConcurrency = 900;
    private Scope scope = Scope.everything();
    private Instant collectedAt = COLLECTED_AT;

    public static SnapshotBuilder snapshot() {
        return new SnapshotBuilder();
    }

    public static FleetSnapshot of(FunctionProfile... profiles) {
        return snapshot().with(profiles).build();
    }

    public SnapshotBuilder with(FunctionProfile... profiles) {
        functions.addAll(List.of(profiles));
        return this;
    }

    public SnapshotBuilder with(List<FunctionProfile> profiles) {
        functions.addAll(profiles);
        return this;
    }

    public SnapshotBuilder unreservedConcurrency(int value) { unreservedConcurrency = value; return this; }
    public SnapshotBuilder scope(Scope value) { scope = value; return this; }
    public SnapshotBuilder collectedAt(Instant value) { collectedAt = value; return this; }

    public FleetSnapshot build() {
        return new FleetSnapshot(FleetSnapshot.SCHEMA_VERSION, "run-test", ProfileBuilder.ACCOUNT, List.of("us-east-1"), 14,
                collectedAt, scope, new AccountConcurrency(concurrencyLimit, unreservedConcurrency), List.copyOf(functions),
                List.of(), null);
    }
}
