package io.fleetopt.applier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;

/** The Apply state: plan and decision from the artifact store in, the apply result out. */
public final class ApplyStage {

    private final Applier applier;
    private final ArtifactStore store;
    private final DocumentCodec codec;

    public ApplyStage(Applier applier, ArtifactStore store, DocumentCodec codec) {
        this.applier = applier;
        this.store = store;
        this.codec = codec;
    }

    public RunState run(RunState state) {
        Plan plan = read(state.planKey(), Plan.class, "planKey", state);
        Decision decision = read(state.decisionKey(), Decision.class, "decisionKey", state);
        ApplyResult result = applier.apply(plan, decision, store.locate(state.decisionKey()));
        String key = ArtifactKeys.result(state.runId());
        store.put(key, codec.write(result));
        return state.withResult(key);
    }

    private <T> T read(String key, Class<T> type, String field, RunState state) {
        if (key == null) {
            throw new IllegalArgumentException("run " + state.runId() + " has no " + field);
        }
        String json = store.get(key).orElseThrow(() -> new IllegalArgumentException(store.locate(key) + " does not exist"));
        return codec.read(json, type, store.locate(key));
    }
}
