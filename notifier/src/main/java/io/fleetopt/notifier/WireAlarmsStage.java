package io.fleetopt.notifier;

import io.fleetopt.core.change.LatencyGuard;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.core.port.LedgerEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WireAlarms state: guard alarms for every function this run changed (and did not roll back), from the function
 * as the run's snapshot saw it before the change (its baselines) and the timeout and memory this run left it with.
 */
public final class WireAlarmsStage {

    private final ChangeLedger ledger;
    private final DocumentStore documents;
    private final AlarmPort alarms;
    private final LatencyGuard latency;

    public WireAlarmsStage(ChangeLedger ledger, DocumentStore documents, AlarmPort alarms, LatencyGuard latency) {
        this.ledger = ledger;
        this.documents = documents;
        this.alarms = alarms;
        this.latency = latency;
    }

    public WireAlarmsStage(ChangeLedger ledger, DocumentStore documents, AlarmPort alarms) {
        this(ledger, documents, alarms, LatencyGuard.defaults());
    }

    public List<GuardAlarm> wire(RunState state) {
        List<LedgerEntry> standing = ChangeLedger.standing(ledger.entriesOfRun(state.runId()));
        if (standing.isEmpty()) {
            return List.of();
        }
        FleetSnapshot snapshot = documents.read(state.snapshotKey(), FleetSnapshot.class, "snapshot");
        Map<String, FunctionProfile> profiles = new HashMap<>();
        snapshot.functions().forEach(f -> profiles.put(f.arn(), f));
        Map<String, List<LedgerEntry>> byFunction = new LinkedHashMap<>();
        standing.forEach(e -> byFunction.computeIfAbsent(e.functionArn(), arn -> new ArrayList<>()).add(e));
        List<GuardAlarm> wired = new ArrayList<>();
        byFunction.forEach((arn, changes) -> {
            FunctionProfile function = profiles.get(arn);
            if (function == null) {
                throw new IllegalStateException(documents.locate(state.snapshotKey()) + " has no function " + arn
                        + ", which run " + state.runId() + " changed: its guard alarms cannot be computed");
            }
            wired.addAll(GuardAlarms.forFunction(state.runId(), function, changes.stream().map(LedgerEntry::kind).toList(),
                    after(changes, RecommendationKind.TIMEOUT, function.config().timeoutSeconds()),
                    after(changes, RecommendationKind.MEMORY, function.config().memoryMb()), latency));
        });
        wired.forEach(alarms::putAlarm);
        return wired;
    }

    public RunState run(RunState state) {
        wire(state);
        return state;
    }

    /** The value this run left the setting at, or the snapshot's when the run did not change it. */
    private static int after(List<LedgerEntry> changes, RecommendationKind kind, int before) {
        return changes.stream().filter(e -> e.kind() == kind).reduce((a, b) -> b).map(e -> Integer.parseInt(e.after())).orElse(before);
    }
}
