package io.fleetopt.analyzer;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;

/** The Analyze state: snapshot from the artifact store in, plan to the artifact store out. */
public final class AnalyzeStage {

    private final Analyzer analyzer;
    private final ArtifactStore store;
    private final DocumentCodec codec;

    public AnalyzeStage(Analyzer analyzer, ArtifactStore store, DocumentCodec codec) {
        this.analyzer = analyzer;
        this.store = store;
        this.codec = codec;
    }

    public RunState run(RunState state) {
        if (state.snapshotKey() == null) {
            throw new IllegalArgumentException("run " + state.runId() + " has no snapshotKey: Collect must run before Analyze");
        }
        String json = store.get(state.snapshotKey()).orElseThrow(() -> new IllegalArgumentException(
                "snapshot " + store.locate(state.snapshotKey()) + " does not exist"));
        Plan plan = analyzer.analyze(codec.read(json, FleetSnapshot.class, store.locate(state.snapshotKey())));
        String key = ArtifactKeys.plan(state.runId());
        store.put(key, codec.write(plan));
        return state.withPlan(key, plan.items().size(), plan.applicableItems().size(), plan.totals().monthlySavingUsd());
    }
}
