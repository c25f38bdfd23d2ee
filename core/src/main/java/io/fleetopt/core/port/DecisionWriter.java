package io.fleetopt.core.port;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.Plan;
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
        List<ItemLine> lines = plan.items().stream().filter(i -> approved.contains(i.id()))
                .map(i -> ItemLine.planned(plan.runId(), decision.planDigest(), i).approvedBy(decisionKey, decision.approver()))
                .toList();
        if (lines.size() != approved.size()) {
            throw new io.fleetopt.core.json.InvalidDocumentException(store.locate(decisionKey) + ": approvedItemIds names "
                    + (approved.size() - lines.size()) + " item(s) that plan " + plan.runId() + " does not have (nothing was recorded)");
        }
        ItemsFile.Written items = new ItemsFile(store, codec).write(ArtifactKeys.approvedItems(decisionKey), lines);
        Decision pinned = decision.withApprovedItems(planVersionId, items.key(), items.digest(), items.versionId());
        codec.validate(pinned, store.locate(decisionKey));
        store.put(decisionKey, codec.write(pinned));
        return pinned;
    }
}
