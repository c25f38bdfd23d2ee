package io.fleetopt.analyzer;

import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.ItemsFile;
import io.fleetopt.core.port.LearnedResponseStore;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.PlanDigest;

/**
 * The Analyze state: snapshot from the artifact store in, plan to the artifact store out, and beside it the plan's
 * applicable items as JSON Lines ({@link ArtifactKeys#items}); only the plan's counts and total travel on. The
 * responses to memory that VerifyEarlierChanges measured are read beside the snapshot. Which items need no approver
 * is the AutoApply state's policy, not the analyzer's.
 */
public final class AnalyzeStage {

    private final Analyzer analyzer;
    private final DocumentStore documents;

    private final ItemsFile items;

    public AnalyzeStage(Analyzer analyzer, DocumentStore documents, ItemsFile items) {
        this.analyzer = analyzer;
        this.documents = documents;
        this.items = items;
    }

    public RunState run(RunState state) {
        if (state.snapshotKey() == null) {
            throw new IllegalArgumentException("run " + state.runId() + " has no snapshotKey: Collect must run before Analyze");
        }
        Plan plan = analyzer.analyze(documents.read(state.snapshotKey(), FleetSnapshot.class, "snapshot"),
                new LearnedResponseStore(documents).load());
        String key = documents.write(ArtifactKeys.plan(state.runId()), plan);
        String digest = PlanDigest.of(plan);
        items.write(ArtifactKeys.items(state.runId()),
                plan.applicableItems().stream().map(i -> ItemLine.planned(plan.runId(), digest, i)).toList());
        return state.withPlan(key, plan.items().size(), plan.applicableItems().size(), plan.totals().monthlySavingUsd());
    }
}
