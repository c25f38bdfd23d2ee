package io.fleetopt.applier;

import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;

/**
 * One iteration of the state machine's ApplyApproved Map: checks the decision in the artifact store (not the
 * state) approves the item, applies it through {@link Applier#applyOne}, and stores its outcome. A transient
 * failure is thrown, for the state machine to retry; any other outcome is recorded and passed on.
 */
public final class ApplyItemStage {

    private final Applier applier;
    private final RunArtifacts artifacts;

    ApplyItemStage(Applier applier, RunArtifacts artifacts) {
        this.applier = applier;
        this.artifacts = artifacts;
    }

    public ApplyItemResponse apply(ApplyItemRequest request) {
        Plan plan = artifacts.read(request.planKey(), Plan.class, "planKey", request.runId());
        Decision decision = artifacts.read(request.decisionKey(), Decision.class, "decisionKey", request.runId());
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
        artifacts.putOutcome(plan.runId(), outcome);
        return new ApplyItemResponse(item.id(), outcome.status());
    }
}
