package io.fleetopt.applier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DecisionWriter;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.ItemsFile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The AutoApply state: the plan's changes whose risk the account's policy auto-approves (default none) are a
 * decision of their own, recorded the way an approver's is ({@link DecisionWriter}: approver {@code AUTO (policy: ...)},
 * its items as JSON Lines), then applied line by line through {@link ApplyItemStage}, the same guards and write-ahead
 * ledger as an approved item.
 */
public final class AutoApplyStage {

    private final ApplyItemStage applyItem;
    private final ArtifactStore store;
    private final DocumentCodec codec;
    private final List<Risk> autoApproved;
    private final Clock clock;

    public AutoApplyStage(ApplyItemStage applyItem, ArtifactStore store, DocumentCodec codec, List<Risk> autoApproved, Clock clock) {
        this.applyItem = applyItem;
        this.store = store;
        this.codec = codec;
        this.autoApproved = List.copyOf(autoApproved);
        this.clock = clock;
    }

    /** The approver recorded for AutoApply's changes: AUTO, and the policy that approved them. */
    public static String approver(List<Risk> risks) {
        return Decision.AUTO_APPROVER + " (policy: auto-approved " + risks.stream().map(Risk::name)
                .collect(Collectors.joining(", ")) + " risk)";
    }

    public AutoApplyResponse run(RunState state) {
        DocumentStore documents = new DocumentStore(store, codec);
        var stored = store.getVersioned(state.planKey()).orElseThrow(() -> new IllegalArgumentException(
                "plan " + store.locate(state.planKey()) + " does not exist"));
        Plan plan = codec.read(stored.content(), Plan.class, store.locate(state.planKey()));
        List<Recommendation> chosen = plan.applicableItems().stream().filter(i -> autoApproved.contains(i.risk())).toList();
        int pending = plan.applicableItems().size() - chosen.size();
        if (chosen.isEmpty()) {
            return new AutoApplyResponse(List.of(), pending);
        }
        String decisionKey = ArtifactKeys.autoDecision(plan.runId());
        Decision decision = new DecisionWriter(store, codec).write(decisionKey, Decision.of(plan,
                chosen.stream().map(Recommendation::id).toList(), List.of(), approver(autoApproved), clock.instant()),
                plan, stored.versionId());
        List<ItemLine> lines = new ItemsFile(store, codec).read(decision.approvedItemsKey(), decision.approvedItemsVersionId(),
                decision.approvedItemsDigest());
        List<String> applied = new ArrayList<>();
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (ItemLine line : lines) {
            ItemOutcome outcome;
            try {
                applyItem.apply(new ApplyItemRequest(plan.runId(), decisionKey, decision.planDigest(), line));
                outcome = documents.read(ArtifactKeys.outcome(plan.runId(), line.item().id()), ItemOutcome.class, "outcome");
            } catch (TransientApplyException e) {
                Recommendation item = line.item();
                outcome = new ItemOutcome(item.id(), item.functionArn(), item.functionName(), item.kind(), ApplyStatus.FAILED,
                        null, null, e.getMessage());
                documents.write(ArtifactKeys.outcome(plan.runId(), item.id()), outcome);
            }
            outcomes.add(outcome);
            applied.add(line.item().id());
        }
        // kept for the notices of a run whose approval then expires or is rejected: they say what already changed
        documents.write(ArtifactKeys.autoApplied(plan.runId()),
                new ApplyResult(ApplyResult.SCHEMA_VERSION, plan.runId(), clock.instant(), List.copyOf(outcomes)));
        return new AutoApplyResponse(List.copyOf(applied), pending);
    }
}
