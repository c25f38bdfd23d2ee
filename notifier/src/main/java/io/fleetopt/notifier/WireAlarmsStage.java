package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The WireAlarms state: guard alarms for every function this run changed (and did not roll back). */
public final class WireAlarmsStage {

    private final ChangeLedger ledger;
    private final FunctionConfigurator functions;
    private final AlarmPort alarms;

    public WireAlarmsStage(ChangeLedger ledger, FunctionConfigurator functions, AlarmPort alarms) {
        this.ledger = ledger;
        this.functions = functions;
        this.alarms = alarms;
    }

    public List<GuardAlarm> wire(String runId) {
        Map<String, LedgerEntry> latestByItem = new LinkedHashMap<>();
        for (LedgerEntry entry : ledger.entriesOfRun(runId)) {
            latestByItem.put(entry.itemId(), entry);
        }
        Map<String, GuardAlarm> wanted = new LinkedHashMap<>();
        for (LedgerEntry entry : latestByItem.values()) {
            if (entry.action() == LedgerAction.APPLIED) {
                GuardAlarms.forChange(entry.functionArn(), entry.functionName(), entry.kind(), functions.read(entry.functionArn()))
                        .forEach(alarm -> wanted.put(alarm.name(), alarm));
            }
        }
        List<GuardAlarm> wired = new ArrayList<>(wanted.values());
        wired.forEach(alarms::putAlarm);
        return wired;
    }

    public RunState run(RunState state) {
        wire(state.runId());
        return state;
    }
}
