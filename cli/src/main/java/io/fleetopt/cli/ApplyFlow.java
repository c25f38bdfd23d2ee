package io.fleetopt.cli;

import io.fleetopt.applier.ApplyItemRequest;
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
 * The state machine's apply states, in its order, in one process: AutoApply, then ApplyItem for each approved item
 * (retried on a transient failure as the Map's Retry does, then FAILED as its Catch records), RecordApplyResult,
 * WireAlarms and NotifySummary. The same stage code as the Lambdas; there is no other apply loop. Run again on the
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

    ApplyFlow(AutoApplyStage autoApply, ApplyItemStage applyItem, RecordApplyResultStage recordResult,
              WireAlarmsStage wireAlarms, NotifyStage notify, DocumentStore documents, ChangeLedger ledger,
              Duration firstRetryPause) {
        this.ledger = ledger;
        this.autoApply = autoApply;
        this.applyItem = applyItem;
        this.recordResult = recordResult;
        this.wireAlarms = wireAlarms;
        this.notify = notify;
        this.documents = documents;
        this.firstRetryPause = firstRetryPause;
    }

    /** AutoApply: the items the account's policy applies without asking. */
    AutoApplyResponse autoApply(RunState state) {
        return autoApply.run(state);
    }

    /** What the approved part of a run did, and how many guard alarms it wired. */
    record Applied(RunState state, ApplyResult result, List<GuardAlarm> alarms, boolean summarySent) {
    }

    /** ApplyApproved (one item at a time), RecordApplyResult, WireAlarms, NotifySummary (once per result). */
    Applied applyApproved(RunState state, AutoApplyResponse autoApplied, String decisionKey, List<String> approvedItemIds) {
        List<MapItemOutcome> outcomes = new ArrayList<>();
        for (String itemId : approvedItemIds) {
            outcomes.add(iteration(new ApplyItemRequest(state.runId(), state.planKey(), decisionKey, itemId)));
        }
        RunState recorded = recordResult.record(new RecordApplyResultRequest(state, decisionKey, autoApplied, outcomes));
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

    private MapItemOutcome iteration(ApplyItemRequest request) {
        Duration pause = firstRetryPause;
        for (int attempt = 1; ; attempt++) {
            try {
                ApplyItemResponse response = applyItem.apply(request);
                return new MapItemOutcome(response.itemId(), response.status().name(), null, null);
            } catch (TransientApplyException e) {
                if (attempt == MAX_ATTEMPTS) {
                    return new MapItemOutcome(request.itemId(), ApplyStatus.FAILED.name(), TransientApplyException.class.getName(),
                            e.getMessage());
                }
                sleep(pause);
                pause = pause.multipliedBy(2);
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
