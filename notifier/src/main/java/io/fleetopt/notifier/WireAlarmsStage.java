package io.fleetopt.notifier;

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
 * The WireAlarms state: guard alarms for every function this run changed (and did not roll back). A function's
 * timeout is the one in the run's snapshot, or the one this run set.
 */
public final class WireAlarmsStage {

    private final ChangeLedger ledger;
    private final DocumentStore documents;
    private final AlarmPort alarms;

    public WireAlarmsStage(ChangeLedger ledger, DocumentStore documents, AlarmPort alarms) {
        this.ledger = ledger;
        this.documents = documents;
        this.alarms = alarms;
    }

    public List<GuardAlarm> wire(RunState state) {
        List<LedgerEntry> standing = ChangeLedger.standing(ledger.entriesOfRun(state.runId()));
        if (standing.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> timeouts = timeoutsAfterTheRun(state, standing);
        Map<String, GuardAlarm> wanted = new LinkedHashMap<>();
        for (LedgerEntry entry : standing) {
            GuardAlarms.forChange(entry.functionArn(), entry.functionName(), entry.kind(), timeouts.get(entry.functionArn()))
                    .forEach(alarm -> wanted.put(alarm.name(), alarm));
        }
        List<GuardAlarm> wired = new ArrayList<>(wanted.values());
        wired.forEach(alarms::putAlarm);
        return wired;
    }

    public RunState run(RunState state) {
        wire(state);
        return state;
    }

    private Map<String, Integer> timeoutsAfterTheRun(RunState state, List<LedgerEntry> standing) {
        FleetSnapshot snapshot = documents.read(state.snapshotKey(), FleetSnapshot.class, "snapshot");
        Map<String, Integer> timeouts = new HashMap<>();
        for (FunctionProfile function : snapshot.functions()) {
            timeouts.put(function.arn(), function.config().timeoutSeconds());
        }
        for (LedgerEntry entry : standing) {
            if (entry.kind() == RecommendationKind.TIMEOUT) {
                timeouts.put(entry.functionArn(), Integer.valueOf(entry.after()));
            }
        }
        return timeouts;
    }
}
