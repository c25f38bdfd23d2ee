package io.fleetopt.notifier;

import io.fleetopt.core.change.LatencyGuard;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.core.port.LedgerEntry;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WireAlarms state: guard alarms for every function this run changed (and did not roll back), from the function
 * as the run's snapshot saw it before the change (its baselines) and the timeout and memory this run left it with.
 * A run over member accounts (its plan key is the run index) reads each function from the snapshot of its
 * (account, region) in the index and puts its alarms in that account and region, through the member role
 * ({@link MemberAlarmPorts}, one session per (account, region) per invocation); the alarms are the same
 * ({@link GuardAlarms}).
 */
public final class WireAlarmsStage {

    /** arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME, the ARN a ledger entry names. */
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:[A-Za-z0-9_-]{1,140}");

    private final ChangeLedger ledger;
    private final DocumentStore documents;
    private final AlarmPort alarms;
    private final LatencyGuard latency;
    private final @Nullable MemberAlarmPorts members;

    public WireAlarmsStage(ChangeLedger ledger, DocumentStore documents, AlarmPort alarms, LatencyGuard latency,
                           @Nullable MemberAlarmPorts members) {
        this.ledger = ledger;
        this.documents = documents;
        this.alarms = alarms;
        this.latency = latency;
        this.members = members;
    }

    public WireAlarmsStage(ChangeLedger ledger, DocumentStore documents, AlarmPort alarms, LatencyGuard latency) {
        this(ledger, documents, alarms, latency, null);
    }

    public WireAlarmsStage(ChangeLedger ledger, DocumentStore documents, AlarmPort alarms) {
        this(ledger, documents, alarms, LatencyGuard.defaults());
    }

    public List<GuardAlarm> wire(RunState state) {
        List<LedgerEntry> standing = ChangeLedger.standing(ledger.entriesOfRun(state.runId()));
        if (standing.isEmpty()) {
            return List.of();
        }
        Map<String, List<LedgerEntry>> byFunction = new LinkedHashMap<>();
        standing.forEach(e -> byFunction.computeIfAbsent(e.functionArn(), arn -> new ArrayList<>()).add(e));
        if (ArtifactKeys.isIndex(state.planKey())) {
            return wireInMemberAccounts(state, byFunction);
        }
        Map<String, FunctionProfile> profiles = byArn(documents.read(state.snapshotKey(), FleetSnapshot.class, "snapshot"));
        List<GuardAlarm> wired = new ArrayList<>();
        byFunction.forEach((arn, changes) -> wired.addAll(alarmsOf(state, profile(profiles, state.snapshotKey(), arn, state), changes)));
        wired.forEach(alarms::putAlarm);
        return wired;
    }

    /** Each function's alarms in its own account and region, from the snapshot of that target in the run index. */
    private List<GuardAlarm> wireInMemberAccounts(RunState state, Map<String, List<LedgerEntry>> byFunction) {
        if (members == null) {
            throw new IllegalStateException("run " + state.runId() + " changed functions in member accounts, and this "
                    + "WireAlarms has no member role to put their guard alarms there: set fleetopt.organization.external-id "
                    + "(infra sets it for WireAlarms of a deployment with member accounts)");
        }
        RunIndex index = documents.read(state.planKey(), RunIndex.class, "run index");
        Map<String, Map<String, FunctionProfile>> snapshots = new HashMap<>();
        Map<String, List<GuardAlarm>> byTarget = new LinkedHashMap<>();
        byFunction.forEach((arn, changes) -> {
            Matcher m = FUNCTION_ARN.matcher(arn);
            if (!m.matches()) {
                throw new IllegalStateException("run " + state.runId() + " changed " + arn + ", which is not a Lambda "
                        + "function ARN: its account and region, where its guard alarms go, are unknown");
            }
            String region = m.group(1);
            String account = m.group(2);
            RunIndex.Entry entry = index.entry(account, region).orElseThrow(() -> new IllegalStateException(
                    documents.locate(state.planKey()) + " has no target " + account + "/" + region + ", whose function "
                            + arn + " run " + state.runId() + " changed: its guard alarms cannot be computed"));
            Map<String, FunctionProfile> profiles = snapshots.computeIfAbsent(entry.snapshotKey(),
                    key -> byArn(documents.read(key, FleetSnapshot.class, "snapshot of " + account + "/" + region)));
            byTarget.computeIfAbsent(account + "/" + region, t -> new ArrayList<>())
                    .addAll(alarmsOf(state, profile(profiles, entry.snapshotKey(), arn, state), changes));
        });
        List<GuardAlarm> wired = new ArrayList<>();
        byTarget.forEach((target, targetAlarms) -> {
            String[] accountAndRegion = target.split("/", 2);
            try (MemberAlarmPorts.Port port = members.open(accountAndRegion[0], accountAndRegion[1])) {
                targetAlarms.forEach(port::putAlarm);
            }
            wired.addAll(targetAlarms);
        });
        return wired;
    }

    private static Map<String, FunctionProfile> byArn(FleetSnapshot snapshot) {
        Map<String, FunctionProfile> profiles = new HashMap<>();
        snapshot.functions().forEach(f -> profiles.put(f.arn(), f));
        return profiles;
    }

    private FunctionProfile profile(Map<String, FunctionProfile> profiles, String snapshotKey, String arn, RunState state) {
        FunctionProfile function = profiles.get(arn);
        if (function == null) {
            throw new IllegalStateException(documents.locate(snapshotKey) + " has no function " + arn
                    + ", which run " + state.runId() + " changed: its guard alarms cannot be computed");
        }
        return function;
    }

    private List<GuardAlarm> alarmsOf(RunState state, FunctionProfile function, List<LedgerEntry> changes) {
        return GuardAlarms.forFunction(state.runId(), function, changes.stream().map(LedgerEntry::kind).toList(),
                after(changes, RecommendationKind.TIMEOUT, function.config().timeoutSeconds()),
                after(changes, RecommendationKind.MEMORY, function.config().memoryMb()), latency);
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
