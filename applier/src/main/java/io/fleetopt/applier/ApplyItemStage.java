package io.fleetopt.applier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.EvidenceFiles;
import io.fleetopt.core.port.LeaseHeldException;
import io.fleetopt.core.port.RunLease;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One iteration of the state machine's ApplyApproved Distributed Map (and of the command line's loop over the
 * approved items file): reads only its one line and the evidence of the one function it changes. The line must
 * belong to the decision the run carries (run, decision key, plan digest) and its item must be the one its digest was
 * taken of, or it is refused ({@link RefusedItemLineException}) with nothing written. Then it holds the run's lease,
 * applies the item through {@link Applier#applyOne} (whose guards take the safety floors from the collector's
 * evidence, never from the line), and stores its outcome. A failure worth another try is thrown, for the state
 * machine to retry; the write-ahead ledger makes the retry reconcile instead of apply twice.
 */
public final class ApplyItemStage {

    private final Applier applier;
    private final DocumentStore artifacts;
    private final EvidenceFiles evidence;
    private final DocumentCodec codec;
    private final RunLease lease;

    public ApplyItemStage(Applier applier, DocumentStore artifacts, EvidenceFiles evidence, DocumentCodec codec, RunLease lease) {
        this.applier = applier;
        this.artifacts = artifacts;
        this.evidence = evidence;
        this.codec = codec;
        this.lease = lease;
    }

    public ApplyItemResponse apply(ApplyItemRequest request) {
        ItemLine line = request.line();
        String source = "the approved item line of decision " + request.decisionKey();
        if (line == null) {
            throw new RefusedItemLineException(source + ": line: is missing (nothing was applied)");
        }
        codec.validate(line, source);
        requireBelongs(request, line, source);
        Recommendation item = line.item();
        try {
            lease.acquire(request.runId());
        } catch (LeaseHeldException e) {
            throw new TransientApplyException(item.id(), e.getMessage());
        }
        RunEvidence functionEvidence = evidence.find(request.runId(), item.functionArn())
                .filter(e -> e.runId().equals(request.runId()))
                .map(e -> RunEvidence.of(e.profile())).orElse(RunEvidence.none());
        ItemApplication applied = applier.applyOne(request.runId(), item,
                new ApprovalRef(line.decisionKey(), line.planDigest(), line.approver()), functionEvidence);
        if (applied.retryable()) {
            throw new TransientApplyException(item.id(), applied.outcome().reason());
        }
        ItemOutcome outcome = applied.outcome();
        artifacts.write(ArtifactKeys.outcome(request.runId(), outcome.itemId()), outcome);
        return new ApplyItemResponse(item.id(), outcome.status());
    }

    private static void requireBelongs(ApplyItemRequest request, ItemLine line, String source) {
        List<String> problems = new ArrayList<>();
        if (!line.runId().equals(request.runId())) {
            problems.add("runId: is '" + line.runId() + "', this is run '" + request.runId() + "'");
        }
        if (request.decisionKey() == null || !request.decisionKey().equals(line.decisionKey())) {
            problems.add("decisionKey: is '" + line.decisionKey() + "', the run's decision is '" + request.decisionKey() + "'");
        }
        if (request.planDigest() == null || !request.planDigest().equals(line.planDigest())) {
            problems.add("planDigest: is '" + line.planDigest() + "', the decision approved plan '" + request.planDigest() + "'");
        }
        if (line.approver() == null || line.approver().isBlank()) {
            problems.add("approver: is missing");
        }
        String digest = PlanDigest.ofItem(line.item());
        if (!Objects.equals(digest, line.itemDigest())) {
            problems.add("itemDigest: is '" + line.itemDigest() + "', but the item's digest is '" + digest
                    + "': the item changed after it was approved");
        }
        if (line.item().action() != Action.APPLY) {
            problems.add("item.action: '" + line.item().id() + "' is report-only; its owner has to make that change");
        }
        if (!problems.isEmpty()) {
            throw new RefusedItemLineException(source + " (item " + line.item().id() + "): " + String.join("; ", problems)
                    + " (nothing was applied)");
        }
    }
}
