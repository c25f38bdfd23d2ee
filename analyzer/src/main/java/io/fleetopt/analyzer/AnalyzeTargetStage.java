package io.fleetopt.analyzer;

import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.TargetRunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;

/**
 * The AnalyzeTarget state: one (account, region)'s snapshot in, its plan out beside it, by the same analyzer as the
 * single-account Analyze state; only the plan's digest (what the index and a decision over it bind to), counts and
 * total travel on (into the Map's ResultWriter).
 */
public final class AnalyzeTargetStage {

    private final Analyzer analyzer;
    private final DocumentStore documents;

    public AnalyzeTargetStage(Analyzer analyzer, DocumentStore documents) {
        this.analyzer = analyzer;
        this.documents = documents;
    }

    public TargetRunState run(TargetRunState state) {
        if (state.snapshotKey() == null) {
            throw new IllegalArgumentException("target " + state.target().path() + " of run " + state.runId()
                    + " has no snapshotKey: CollectTarget must run before AnalyzeTarget");
        }
        Plan plan = analyzer.analyze(documents.read(state.snapshotKey(), FleetSnapshot.class, "snapshot"));
        String key = documents.write(ArtifactKeys.plan(state.runId(), state.target()), plan);
        return state.withPlan(key, PlanDigest.of(plan), plan.items().size(), plan.applicableItems().size(), plan.totals().monthlySavingUsd());
    }
}
