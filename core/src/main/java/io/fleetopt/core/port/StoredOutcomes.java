package io.fleetopt.core.port;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the apply step of each item of a decision left in the artifact store ({@link ArtifactKeys#outcome}): its stored
 * outcome, or FAILED as unfinished where none was stored (its apply step never ended, or its Map iteration was caught).
 * Read by RecordApplyResult and by the notices that say what AutoApply changed before the run asked for approval.
 */
public final class StoredOutcomes {

    static final String UNFINISHED = "no outcome was recorded for this item (its apply step did not finish)";

    private StoredOutcomes() {
    }

    /** An item whose apply step stored no outcome. */
    public static ItemOutcome unfinished(Recommendation item) {
        return new ItemOutcome(item.id(), item.functionArn(), item.functionName(), item.kind(), ApplyStatus.FAILED, null,
                null, UNFINISHED);
    }

    public static ItemOutcome of(DocumentStore documents, String runId, Recommendation item) {
        return documents.find(ArtifactKeys.outcome(runId, item.id()), ItemOutcome.class).orElseGet(() -> unfinished(item));
    }

    /**
     * The outcomes of the items the decision at {@code decisionKey} approved, in the plan's order, as of {@code at};
     * empty when there is no such decision.
     */
    public static Optional<ApplyResult> ofDecision(DocumentStore documents, Plan plan, String decisionKey, Instant at) {
        return documents.find(decisionKey, Decision.class).map(decision -> {
            Set<String> approved = new HashSet<>(decision.approvedItemIds());
            List<ItemOutcome> outcomes = plan.items().stream().filter(i -> approved.contains(i.id()))
                    .map(i -> of(documents, plan.runId(), i)).toList();
            return new ApplyResult(ApplyResult.SCHEMA_VERSION, plan.runId(), at, outcomes);
        });
    }
}
