package io.fleetopt.applier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;

/** The Apply state: plan and decision from the artifact store in, the apply result out. */
public final class ApplyStage {

    private final Applier applier;
    private final DocumentStore documents;

    public ApplyStage(Applier applier, DocumentStore documents) {
        this.applier = applier;
        this.documents = documents;
    }

    public RunState run(RunState state) {
        Plan plan = documents.read(state.planKey(), Plan.class, "plan");
        Decision decision = documents.read(state.decisionKey(), Decision.class, "decision");
        ApplyResult result = applier.apply(plan, decision, documents.locate(state.decisionKey()));
        return state.withResult(documents.write(ArtifactKeys.result(state.runId()), result));
    }
}
