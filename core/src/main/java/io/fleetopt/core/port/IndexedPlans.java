package io.fleetopt.core.port;

import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.RunIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The plans a run index lists, one per (account, region), each read and checked against its entry: a plan of another
 * run, or one whose digest is not the one the index recorded (changed after IndexRun), is refused whole, so what an
 * approver sees and approves is exactly what the index binds.
 */
public final class IndexedPlans {

    /** One (account, region)'s entry of the index and its plan. */
    public record TargetPlan(RunIndex.Entry entry, Plan plan) {
    }

    private IndexedPlans() {
    }

    public static List<TargetPlan> read(DocumentStore documents, RunIndex index) {
        List<TargetPlan> plans = new ArrayList<>(index.targets().size());
        for (RunIndex.Entry entry : index.targets()) {
            Plan plan = documents.read(entry.planKey(), Plan.class, "plan of " + entry.accountId() + "/" + entry.region());
            if (!index.runId().equals(plan.runId())) {
                throw new InvalidDocumentException(documents.locate(entry.planKey()) + ": is a plan of run " + plan.runId()
                        + ", the index is of run " + index.runId());
            }
            String digest = PlanDigest.of(plan);
            if (!digest.equals(entry.planDigest())) {
                throw new InvalidDocumentException(documents.locate(entry.planKey()) + ": its digest is " + digest
                        + ", but the run index recorded " + entry.planDigest() + ": the plan changed after it was indexed");
            }
            plans.add(new TargetPlan(entry, plan));
        }
        return List.copyOf(plans);
    }
}
