package io.fleetopt.applier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DecisionWriter;
import io.fleetopt.core.port.DocumentStore;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The AutoApply state: the plan's changes whose risk the account's policy auto-approves (default none) are a
 * decision of their own, recorded the way an approver's is ({@link DecisionWriter}: approver {@code AUTO (policy: ...)},
 * its items as JSON Lines at {@link ArtifactKeys#autoDecision}). It applies nothing itself: the state machine's
 * ApplyAutoApproved Distributed Map applies those lines through ApplyItem, as ApplyApproved applies a person's.
 * <p>The decision is taken once per run: run again (a retried Lambda, {@code fleetopt apply --run} after a crash), it
 * finds the recorded decision and answers with it, whatever the policy says now, after checking that it belongs to the
 * plan ({@link DecisionCheck}); ApplyItem's write-ahead ledger then reconciles what was already applied.
 */
public final class AutoApplyStage {

    private final ArtifactStore store;
    private final DocumentCodec codec;
    private final List<Risk> autoApproved;
    private final Clock clock;

    public AutoApplyStage(ArtifactStore store, DocumentCodec codec, List<Risk> autoApproved, Clock clock) {
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
        var stored = store.getVersioned(state.planKey()).orElseThrow(() -> new IllegalArgumentException(
                "plan " + store.locate(state.planKey()) + " does not exist"));
        Plan plan = codec.read(stored.content(), Plan.class, store.locate(state.planKey()));
        String decisionKey = ArtifactKeys.autoDecision(plan.runId());
        Optional<Decision> recorded = new DocumentStore(store, codec).find(decisionKey, Decision.class);
        if (recorded.isPresent()) {
            Decision decision = recorded.get();
            if (!decision.approver().startsWith(Decision.AUTO_APPROVER)) {
                throw new InvalidDocumentException(store.locate(decisionKey) + ": approver: is '" + decision.approver()
                        + "', AutoApply's decision is the policy's (" + Decision.AUTO_APPROVER + " ...) (nothing was applied)");
            }
            DecisionCheck.requireMatches(plan, decision, store.locate(decisionKey));
            return AutoApplyResponse.of(decisionKey, decision, pending(plan, decision.approvedItemIds()));
        }
        List<String> chosen = plan.applicableItems().stream().filter(i -> autoApproved.contains(i.risk()))
                .map(Recommendation::id).toList();
        if (chosen.isEmpty()) {
            return AutoApplyResponse.nothingApproved(pending(plan, chosen));
        }
        Decision decision = new DecisionWriter(store, codec).write(decisionKey, Decision.of(plan, chosen, List.of(),
                approver(autoApproved), clock.instant()), plan, stored.versionId());
        return AutoApplyResponse.of(decisionKey, decision, pending(plan, chosen));
    }

    private static int pending(Plan plan, List<String> autoApprovedIds) {
        Set<String> auto = new HashSet<>(autoApprovedIds);
        return (int) plan.applicableItems().stream().filter(i -> !auto.contains(i.id())).count();
    }
}
