package io.fleetopt.applier;

import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.RunState;

import java.util.ArrayList;
import java.util.List;

/** The AutoApply state: applies the plan's changes whose risk the account's policy auto-approves (default none). */
public final class AutoApplyStage {

    private final Applier applier;
    private final DocumentStore artifacts;
    private final List<Risk> autoApproved;

    AutoApplyStage(Applier applier, DocumentStore artifacts, List<Risk> autoApproved) {
        this.applier = applier;
        this.artifacts = artifacts;
        this.autoApproved = List.copyOf(autoApproved);
    }

    public AutoApplyResponse run(RunState state) {
        Plan plan = artifacts.read(state.planKey(), Plan.class, "plan");
        List<String> applied = new ArrayList<>();
        int pending = 0;
        for (Recommendation item : plan.applicableItems()) {
            if (!autoApproved.contains(item.risk())) {
                pending++;
                continue;
            }
            ItemOutcome outcome = applier.applyOne(plan.runId(), item, "policy: auto-approved " + item.risk() + " risk");
            artifacts.write(ArtifactKeys.outcome(plan.runId(), outcome.itemId()), outcome);
            applied.add(item.id());
        }
        return new AutoApplyResponse(List.copyOf(applied), pending);
    }
}
