package io.fleetopt.applier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ApprovalOutput;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.ItemsFile;
import io.fleetopt.core.port.RunLease;
import io.fleetopt.core.port.StoredOutcomes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RecordApplyResult state: gathers the stored outcome of every auto-applied and approved item into the run's
 * apply result, and releases the run's lease on the account. The items come from the items files of AutoApply's
 * decision and of a person's (each checked against its decision), what each iteration of ApplyAutoApproved's and
 * ApplyApproved's Maps ended with from that Map's ResultWriter manifest and result files:
 * an iteration caught by its Catch, or a child execution that failed, is FAILED with the error Step Functions reported;
 * an item with neither a stored outcome nor a result is FAILED as unfinished.
 */
public final class RecordApplyResultStage {

    private static final int MAX_CAUSE_CHARS = 500;

    private final ArtifactStore store;
    private final DocumentStore artifacts;
    private final DocumentCodec codec;
    private final Clock clock;
    private final RunLease lease;

    public RecordApplyResultStage(ArtifactStore store, DocumentCodec codec, Clock clock, RunLease lease) {
        this.store = store;
        this.artifacts = new DocumentStore(store, codec);
        this.codec = codec;
        this.clock = clock;
        this.lease = lease;
    }

    public RunState record(RecordApplyResultRequest request) {
        RunState state = request.run();
        String runId = state.runId();
        Set<String> seen = new LinkedHashSet<>();
        List<ItemOutcome> outcomes = new ArrayList<>();
        AutoApplyResponse auto = request.autoApproval();
        if (auto != null && auto.decisionKey() != null && auto.approvedCount() > 0) {
            if (!auto.decisionKey().equals(ArtifactKeys.autoDecision(runId))) {
                throw new IllegalArgumentException("autoApproval.decisionKey: is '" + auto.decisionKey()
                        + "', AutoApply's decision of run " + runId + " is " + ArtifactKeys.autoDecision(runId));
            }
            collect(runId, auto.decisionKey(), request.autoApplied(), seen, outcomes);
        }
        ApprovalOutput approval = request.approval();
        if (approval != null && approval.decisionKey() != null && approval.approvedCount() > 0) {
            collect(runId, approval.decisionKey(), request.applied(), seen, outcomes);
        }
        String key = ArtifactKeys.result(runId);
        artifacts.write(key, new ApplyResult(ApplyResult.SCHEMA_VERSION, runId, clock.instant(), List.copyOf(outcomes)));
        lease.release(runId);
        RunState recorded = approval == null || approval.decisionKey() == null ? state : state.withDecision(approval.decisionKey());
        return recorded.withResult(key);
    }

    /** Each approved line of the decision, with what its Map iteration ended with, once per item. */
    private void collect(String runId, String decisionKey, MapRunOutput mapRun, Set<String> seen, List<ItemOutcome> outcomes) {
        Map<String, MapItemOutcome> mapped = manifestOf(runId, mapRun);
        for (ItemLine line : linesOf(decisionKey)) {
            if (seen.add(line.item().id())) {
                outcomes.add(stored(runId, line.item(), mapped.get(line.item().id())));
            }
        }
    }

    private List<ItemLine> linesOf(String decisionKey) {
        Decision decision = artifacts.read(decisionKey, Decision.class, "decision");
        // a run over member accounts was decided on its index: its lines carry their targets' plan digests
        RunIndex index = artifacts.find(ArtifactKeys.index(decision.runId()), RunIndex.class).orElse(null);
        return ApprovedItems.of(new ItemsFile(store, codec), decisionKey, decision, index);
    }

    /** The Map's results by item; a manifest must lie below the run's own results prefix. */
    private Map<String, MapItemOutcome> manifestOf(String runId, MapRunOutput applied) {
        if (applied == null || applied.resultWriterDetails() == null) {
            return Map.of();
        }
        String manifestKey = applied.resultWriterDetails().key();
        if (manifestKey == null || !manifestKey.startsWith(ArtifactKeys.applyResults(runId) + "/")) {
            throw new IllegalArgumentException("ResultWriterDetails.Key: is '" + manifestKey + "', the results of run "
                    + runId + " are below " + ArtifactKeys.applyResults(runId) + "/");
        }
        try (MapRunResults results = new MapRunResults(store)) {
            return results.read(manifestKey);
        }
    }

    private ItemOutcome stored(String runId, Recommendation item, MapItemOutcome mapped) {
        boolean caught = mapped != null && mapped.error() != null;
        if (!caught) {
            return StoredOutcomes.of(artifacts, runId, item);
        }
        return new ItemOutcome(item.id(), item.functionArn(), item.functionName(), item.kind(), ApplyStatus.FAILED, null,
                null, mapped.error() + ": " + shorten(mapped.cause()));
    }

    private static String shorten(String cause) {
        if (cause == null) {
            return "(no cause given)";
        }
        return cause.length() <= MAX_CAUSE_CHARS ? cause : cause.substring(0, MAX_CAUSE_CHARS) + "...";
    }
}
