package io.fleetopt.core.port;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.RunIndex;
import io.micronaut.core.annotation.Nullable;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records a decision the one way every approver's decision is recorded (the review page, the terminal prompt,
 * AutoApply's policy): first the approved items as JSON Lines beside the decision ({@link ArtifactKeys#approvedItems}),
 * each line naming the decision and its approver, then the decision document pinned to that file's digest and
 * version and to the plan version it was shown. Returns the decision as written.
 */
public final class DecisionWriter {

    private final ArtifactStore store;
    private final DocumentCodec codec;

    public DecisionWriter(ArtifactStore store, DocumentCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    public Decision write(String decisionKey, Decision decision, Plan plan, @Nullable String planVersionId) {
        Set<String> approved = new HashSet<>(decision.approvedItemIds());
        return write(decisionKey, decision, plan.items().stream().filter(i -> approved.contains(i.id()))
                .map(i -> ItemLine.planned(plan.runId(), decision.planDigest(), i)).toList(), "plan " + plan.runId(), planVersionId);
    }

    /**
     * A decision over a run index ({@code decision.planDigest()} is the index's digest): each approved line is its
     * target's own, carrying that target plan's digest, so the applier checks it against the index entry of its
     * (account, region). {@code indexVersionId} pins the index version the approver was shown.
     */
    public Decision write(String decisionKey, Decision decision, RunIndex index, List<IndexedPlans.TargetPlan> plans,
                          @Nullable String indexVersionId) {
        String digest = PlanDigest.ofIndex(index);
        if (!digest.equals(decision.planDigest())) {
            throw new InvalidDocumentException(store.locate(decisionKey) + ": planDigest: is '" + decision.planDigest()
                    + "', but the run index's digest is '" + digest + "' (nothing was recorded)");
        }
        Set<String> approved = new HashSet<>(decision.approvedItemIds());
        List<ItemLine> offered = plans.stream().flatMap(t -> t.plan().items().stream().filter(i -> approved.contains(i.id()))
                .map(i -> ItemLine.planned(index.runId(), t.entry().planDigest(), i))).toList();
        return write(decisionKey, decision, offered, "the run index of " + index.runId(), indexVersionId);
    }

    /** {@code offered}: the lines of the approved items as planned, not yet approved by anyone. */
    private Decision write(String decisionKey, Decision decision, List<ItemLine> offered, String shown,
                           @Nullable String shownVersionId) {
        Set<String> approved = new HashSet<>(decision.approvedItemIds());
        List<ItemLine> lines = offered.stream().map(l -> l.approvedBy(decisionKey, decision.approver())).toList();
        if (lines.size() != approved.size()) {
            throw new InvalidDocumentException(store.locate(decisionKey) + ": approvedItemIds names "
                    + (approved.size() - lines.size()) + " item(s) that " + shown + " does not have (nothing was recorded)");
        }
        ItemsFile.Written items = new ItemsFile(store, codec).write(ArtifactKeys.approvedItems(decisionKey), lines);
        Decision pinned = decision.withApprovedItems(shownVersionId, items.key(), items.digest(), items.versionId());
        codec.validate(pinned, store.locate(decisionKey));
        store.put(decisionKey, codec.write(pinned));
        return pinned;
    }
}
