package io.fleetopt.applier;

import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.LeaseHeldException;
import io.fleetopt.core.port.RunLease;

/**
 * One iteration of the state machine's ApplyApproved Map (and of the command line's loop over the approved items):
 * checks the decision in the artifact store (not the state) approves the item of exactly this plan, holds the run's
 * lease, applies the item through {@link Applier#applyOne}, and stores its outcome. A failure worth another try is
 * thrown, for the state machine to retry; the write-ahead ledger makes the retry reconcile instead of apply twice.
 */
public final class ApplyItemStage {

    private final Applier applier;
    private final DocumentStore artifacts;
    private final RunLease lease;

    public ApplyItemStage(Applier applier, DocumentStore artifacts, RunLease lease) {
        this.applier = applier;
        this.artifacts = artifacts;
        this.lease = lease;
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
        try {
            lease.acquire(plan.runId());
        } catch (LeaseHeldException e) {
            throw new TransientApplyException(item.id(), e.getMessage());
        }
        RunEvidence evidence = artifacts.find(ArtifactKeys.snapshot(plan.runId()), FleetSnapshot.class)
                .map(RunEvidence::of).orElse(RunEvidence.none());
        ItemApplication applied = applier.applyOne(plan.runId(), item, decision.approver(), evidence);
        if (applied.retryable()) {
            throw new TransientApplyException(item.id(), applied.outcome().reason());
        }
        ItemOutcome outcome = applied.outcome();
        artifacts.write(ArtifactKeys.outcome(plan.runId(), outcome.itemId()), outcome);
        return new ApplyItemResponse(item.id(), outcome.status());
    }
}
