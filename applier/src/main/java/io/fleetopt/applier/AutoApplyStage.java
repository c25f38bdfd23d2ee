package io.fleetopt.applier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.RunLease;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The AutoApply state: applies the plan's changes whose risk the account's policy auto-approves (default none),
 * through the same guards and write-ahead ledger as an approved item.
 */
public final class AutoApplyStage {

    private final Applier applier;
    private final DocumentStore artifacts;
    private final List<Risk> autoApproved;
    private final RunLease lease;
    private final Clock clock;

    public AutoApplyStage(Applier applier, DocumentStore artifacts, List<Risk> autoApproved, RunLease lease, Clock clock) {
        this.clock = clock;
        this.applier = applier;
        this.artifacts = artifacts;
        this.autoApproved = List.copyOf(autoApproved);
        this.lease = lease;
    }

    public AutoApplyResponse run(RunState state) {
        Plan plan = artifacts.read(state.planKey(), Plan.class, "plan");
        List<Recommendation> chosen = plan.applicableItems().stream().filter(i -> autoApproved.contains(i.risk())).toList();
        int pending = plan.applicableItems().size() - chosen.size();
        if (chosen.isEmpty()) {
            return new AutoApplyResponse(List.of(), pending);
        }
        lease.acquire(plan.runId());
        RunEvidence evidence = artifacts.find(ArtifactKeys.snapshot(plan.runId()), FleetSnapshot.class)
                .map(RunEvidence::of).orElse(RunEvidence.none());
        List<String> applied = new ArrayList<>();
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (Recommendation item : chosen) {
            ItemOutcome outcome = applier.applyOne(plan.runId(), item, "policy: auto-approved " + item.risk() + " risk", evidence)
                    .outcome();
            artifacts.write(ArtifactKeys.outcome(plan.runId(), outcome.itemId()), outcome);
            outcomes.add(outcome);
            applied.add(item.id());
        }
        // kept for the notices of a run whose approval then expires or is rejected: they say what already changed
        artifacts.write(ArtifactKeys.autoApplied(plan.runId()),
                new ApplyResult(ApplyResult.SCHEMA_VERSION, plan.runId(), clock.instant(), List.copyOf(outcomes)));
        return new AutoApplyResponse(List.copyOf(applied), pending);
    }
}
