package io.fleetopt.applier;

import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;

import java.util.List;

/**
 * One iteration of the state machine's ApplyApproved Map: checks the decision in the artifact store (not the
 * state) approves the item, applies it through {@link Applier#applyOne}, and stores its outcome. A transient
 * failure is thrown, for the state machine to retry; any other outcome is recorded and passed on.
 * <p>
 * Items run in parallel (the Map's MaxConcurrency), so two items of one function can race: the second one's
 * update then carries a revision the first one has just replaced and is refused as drift. When the function's live
 * revision is the one this run's own latest change left, that was no drift: the item is retried, and then applies.
 */
public final class ApplyItemStage {

    private final Applier applier;
    private final DocumentStore artifacts;
    private final FunctionConfigurator functions;
    private final ChangeLedger ledger;

    ApplyItemStage(Applier applier, DocumentStore artifacts, FunctionConfigurator functions, ChangeLedger ledger) {
        this.applier = applier;
        this.artifacts = artifacts;
        this.functions = functions;
        this.ledger = ledger;
    }

    public ApplyItemResponse apply(ApplyItemRequest request) {
        Plan plan = artifacts.read(request.planKey(), Plan.class, "plan");
        Decision decision = artifacts.read(request.decisionKey(), Decision.class, "decision");
        String source = artifacts.locate(request.decisionKey());
        DecisionCheck.requireMatches(plan, decision, source);
        if (!plan.runId().equals(request.runId())) {
            throw new IllegalArgumentException(artifacts.locate(request.planKey()) + " is the plan of run " + plan.runId()
                    + ", not of run " + request.runId() + " (nothing was applied)");
        }
        if (!decision.approvedItemIds().contains(request.itemId())) {
            throw new IllegalArgumentException(source + " does not approve item " + request.itemId() + " (nothing was applied)");
        }
        Recommendation item = plan.items().stream().filter(i -> i.id().equals(request.itemId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("item " + request.itemId() + " is not in plan " + plan.runId()));
        ItemOutcome outcome = applier.applyOne(plan.runId(), item, decision.approver());
        if (outcome.status() == ApplyStatus.FAILED && TransientApplyException.isTransient(outcome.reason())) {
            throw new TransientApplyException(item.id(), outcome.reason());
        }
        if (outcome.status() == ApplyStatus.SKIPPED_DRIFT && changedMeanwhileByThisRun(plan.runId(), item)) {
            throw new TransientApplyException(item.id(), "another item of this run changed " + item.functionName()
                    + " at the same time (" + outcome.reason() + ")");
        }
        artifacts.write(ArtifactKeys.outcome(plan.runId(), outcome.itemId()), outcome);
        return new ApplyItemResponse(item.id(), outcome.status());
    }

    /** The function's live revision is the one this run's latest change to it (by another item) left behind. */
    private boolean changedMeanwhileByThisRun(String runId, Recommendation item) {
        List<LedgerEntry> ours = ledger.entriesOfRun(runId).stream()
                .filter(e -> e.functionArn().equals(item.functionArn()) && !e.itemId().equals(item.id())
                        && e.action() == LedgerAction.APPLIED && e.revisionAfter() != null)
                .toList();
        if (ours.isEmpty()) {
            return false;
        }
        String liveRevision = functions.read(item.functionArn()).revisionId();
        return liveRevision.equals(ours.get(ours.size() - 1).revisionAfter());
    }
}
