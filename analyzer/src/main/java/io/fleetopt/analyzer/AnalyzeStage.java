package io.fleetopt.analyzer;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;

import java.util.List;

/**
 * The Analyze state: snapshot from the artifact store in, plan to the artifact store out. When the policy
 * auto-approves some risks, the items it approves are written beside the plan as a {@link Decision} by the policy
 * ({@link #autoApprovedKey}), for the AutoApply state; nothing is written when it approves none (the default).
 */
public final class AnalyzeStage {

    public static final String POLICY_APPROVER = "fleetopt policy (auto-approve-risks)";

    private final Analyzer analyzer;
    private final ArtifactStore store;
    private final DocumentCodec codec;

    public AnalyzeStage(Analyzer analyzer, ArtifactStore store, DocumentCodec codec) {
        this.analyzer = analyzer;
        this.store = store;
        this.codec = codec;
    }

    public static String autoApprovedKey(String runId) {
        return "runs/" + runId + "/auto-approved.json";
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
        List<String> autoApproved = analyzer.autoApproved(plan);
        if (!autoApproved.isEmpty()) {
            store.put(autoApprovedKey(state.runId()), codec.write(new Decision(Decision.SCHEMA_VERSION, state.runId(), autoApproved,
                    List.of(), POLICY_APPROVER, plan.createdAt())));
        }
        return state.withPlan(key, plan.items().size(), plan.applicableItems().size(), plan.totals().monthlySavingUsd());
    }
}
