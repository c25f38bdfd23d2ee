package io.fleetopt.cli;

import io.fleetopt.applier.ApplyItemRequest;
import io.fleetopt.applier.ApprovedItems;
import io.fleetopt.applier.MapRunOutput;
import io.fleetopt.applier.MapRunResults;
import io.fleetopt.applier.RefusedItemLineException;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApprovalOutput;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ItemsFile;
import io.fleetopt.applier.ApplyItemResponse;
import io.fleetopt.applier.ApplyItemStage;
import io.fleetopt.applier.AutoApplyResponse;
import io.fleetopt.applier.AutoApplyStage;
import io.fleetopt.applier.MapItemOutcome;
import io.fleetopt.applier.RecordApplyResultRequest;
import io.fleetopt.applier.RecordApplyResultStage;
import io.fleetopt.applier.TransientApplyException;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.notifier.NotifyStage;
import io.fleetopt.notifier.WireAlarmsStage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The state machine's apply states, in its order, in one process: AutoApply (the policy's decision), ApplyItem for each
 * line of its approved items file (ApplyAutoApproved), then, after the approval, ApplyItem for each line of the
 * person's decision (ApplyApproved) (each retried on a transient failure as the Map's Retry does, then FAILED as its
 * Catch records), RecordApplyResult, WireAlarms and NotifySummary. The same stage code as the Lambdas; there is no other apply loop. Run again on the
 * same run, it completes what an interrupted one left (the ledger's intents), wires the alarms still missing, and
 * sends the summary only when the result differs from the one already sent.
 */
final class ApplyFlow {

    /** As the ApplyItem state's Retry: 4 attempts, 2 s then doubling. */
    static final int MAX_ATTEMPTS = 4;

    private final AutoApplyStage autoApply;
    private final ApplyItemStage applyItem;
    private final RecordApplyResultStage recordResult;
    private final WireAlarmsStage wireAlarms;
    private final NotifyStage notify;
    private final DocumentStore documents;
    private final ChangeLedger ledger;
    private final Duration firstRetryPause;
    private final ArtifactStore store;
    private final DocumentCodec codec;

    ApplyFlow(AutoApplyStage autoApply, ApplyItemStage applyItem, RecordApplyResultStage recordResult,
              WireAlarmsStage wireAlarms, NotifyStage notify, ArtifactStore store, DocumentCodec codec, ChangeLedger ledger,
              Duration firstRetryPause) {
        this.store = store;
        this.codec = codec;
        DocumentStore documents = new DocumentStore(store, codec);
        this.ledger = ledger;
        this.autoApply = autoApply;
        this.applyItem = applyItem;
        this.recordResult = recordResult;
        this.wireAlarms = wireAlarms;
        this.notify = notify;
        this.documents = documents;
        this.firstRetryPause = firstRetryPause;
    }

    /** What AutoApply decided by policy, and the output of the loop that applied it (null when it approved nothing). */
    record AutoApplied(AutoApplyResponse approval, MapRunOutput mapRun) {
    }

    /**
     * AutoApply, then ApplyAutoApproved: the policy's decision (recorded once per run; run again, the recorded one),
     * and each of its lines applied as the Map applies it.
     */
    AutoApplied autoApply(RunState state) {
        AutoApplyResponse approval = autoApply.run(state);
        if (approval.approvedCount() == 0) {
            return new AutoApplied(approval, null);
        }
        Decision decision = documents.read(approval.decisionKey(), Decision.class, "AutoApply's decision");
        return new AutoApplied(approval, applyLines(state, approval.decisionKey(), decision));
    }

    /** What the approved part of a run did, and how many guard alarms it wired. */
    record Applied(RunState state, ApplyResult result, List<GuardAlarm> alarms, boolean summarySent) {
    }

    /**
     * ApplyApproved, RecordApplyResult, WireAlarms, NotifySummary (once per result). The Distributed Map is a loop here:
     * the decision's items file is read whole and checked against the decision (as the Map's ItemReader reads the
     * version the decision pinned), each line is one ApplyItem iteration, and the results are written in the
     * ResultWriter's format, which RecordApplyResult reads as it reads the Map's.
     */
    Applied applyApproved(RunState state, AutoApplied auto, String decisionKey, Decision decision) {
        ApprovalOutput approval = decision == null ? null : ApprovalOutput.of(decisionKey, decision);
        MapRunOutput mapRun = approval != null && approval.approvedCount() > 0 ? applyLines(state, decisionKey, decision) : null;
        RunState recorded = recordResult.record(new RecordApplyResultRequest(state, approval, auto.approval(), auto.mapRun(),
                mapRun));
        List<GuardAlarm> alarms = wireAlarms.wire(recorded);
        ApplyResult result = documents.read(recorded.resultKey(), ApplyResult.class, "apply result");
        SummarySent now = SummarySent.of(ChangeLedger.standing(ledger.entriesOfRun(recorded.runId())), result);
        boolean send = documents.find(ArtifactKeys.summarySent(recorded.runId()), SummarySent.class)
                .map(sent -> !sent.equals(now)).orElse(true);
        if (send) {
            notify.notifySummary(recorded);
            documents.write(ArtifactKeys.summarySent(recorded.runId()), now);
        }
        return new Applied(recorded, result, alarms, send);
    }

    /**
     * A Distributed Map over a decision's approved items, as a loop: the items file read whole and checked against the
     * decision (as the Map's ItemReader reads the version the decision pinned), one ApplyItem iteration per line, and
     * the results written in the ResultWriter's format below the run's apply-results prefix; returns the Map's output.
     */
    private MapRunOutput applyLines(RunState state, String decisionKey, Decision decision) {
        List<MapRunResults.ChildResult> children = new ArrayList<>();
        try (MapRunResults results = new MapRunResults(store)) {
            for (ItemLine line : ApprovedItems.of(new ItemsFile(store, codec), decisionKey, decision)) {
                ApplyItemRequest request = new ApplyItemRequest(state.runId(), decisionKey, decision.planDigest(), line);
                MapItemOutcome outcome = iteration(request);
                children.add(new MapRunResults.ChildResult(line.item().id(), "SUCCEEDED", results.text(request),
                        results.text(outcome), null, null));
            }
            String manifest = results.write(ArtifactKeys.applyResults(state.runId()),
                    "local-" + System.nanoTime(), children, List.of());
            return new MapRunOutput(null, new MapRunOutput.ResultWriterDetails(null, manifest));
        }
    }

    /** One iteration as the Map runs it: its Retry on a transient failure, then its Catch (RecordItemFailure). */
    private MapItemOutcome iteration(ApplyItemRequest request) {
        Duration pause = firstRetryPause;
        String itemId = request.line().item().id();
        for (int attempt = 1; ; attempt++) {
            try {
                ApplyItemResponse response = applyItem.apply(request);
                return new MapItemOutcome(response.itemId(), response.status().name(), null, null);
            } catch (TransientApplyException e) {
                if (attempt == MAX_ATTEMPTS) {
                    return new MapItemOutcome(itemId, ApplyStatus.FAILED.name(), TransientApplyException.class.getName(),
                            e.getMessage());
                }
                sleep(pause);
                pause = pause.multipliedBy(2);
            } catch (RefusedItemLineException e) {
                return new MapItemOutcome(itemId, ApplyStatus.FAILED.name(), RefusedItemLineException.class.getName(),
                        e.getMessage());
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry an item", e);
        }
    }

    /**
     * What the sent summary covered: the run's standing changes (from the ledger) and its failed items. A recovery
     * sends the summary again only when that changed, so a run whose summary went out is not summarized twice.
     */
    @io.micronaut.serde.annotation.Serdeable
    record SummarySent(List<String> changedItemIds, List<String> failedItemIds) {
        static SummarySent of(List<LedgerEntry> standing, ApplyResult result) {
            return new SummarySent(standing.stream().map(LedgerEntry::itemId).sorted().toList(),
                    result.items().stream().filter(i -> i.status() == ApplyStatus.FAILED).map(ItemOutcome::itemId).sorted().toList());
        }
    }
}
