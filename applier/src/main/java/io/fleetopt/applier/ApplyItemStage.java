package io.fleetopt.applier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.EvidenceFiles;
import io.fleetopt.core.port.LeaseHeldException;
import io.fleetopt.core.port.RunLease;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    private final MemberAccountAppliers members;
    private volatile IndexOfRun lastIndex;

    public ApplyItemStage(Applier applier, DocumentStore artifacts, EvidenceFiles evidence, DocumentCodec codec, RunLease lease) {
        this(applier, artifacts, evidence, codec, lease, null);
    }

    /** {@code members}: how lines of a run over member accounts are applied; null where the deployment has none. */
    public ApplyItemStage(Applier applier, DocumentStore artifacts, EvidenceFiles evidence, DocumentCodec codec, RunLease lease,
                          @Nullable MemberAccountAppliers members) {
        this.applier = applier;
        this.artifacts = artifacts;
        this.evidence = evidence;
        this.codec = codec;
        this.lease = lease;
        this.members = members;
    }

    public ApplyItemResponse apply(ApplyItemRequest request) {
        ItemLine line = request.line();
        String source = "the approved item line of decision " + request.decisionKey();
        if (line == null) {
            throw new RefusedItemLineException(source + ": line: is missing (nothing was applied)");
        }
        codec.validate(line, source);
        Applier lineApplier = requireBelongs(request, line, source);
        Recommendation item = line.item();
        try {
            lease.acquire(request.runId());
        } catch (LeaseHeldException e) {
            throw new TransientApplyException(item.id(), e.getMessage());
        }
        RunEvidence functionEvidence = evidence.find(request.runId(), item.functionArn())
                .filter(e -> e.runId().equals(request.runId()))
                .map(e -> RunEvidence.of(e.profile())).orElse(RunEvidence.none());
        ItemApplication applied = lineApplier.applyOne(request.runId(), item,
                new ApprovalRef(line.decisionKey(), line.planDigest(), line.approver()), functionEvidence);
        if (applied.retryable()) {
            throw new TransientApplyException(item.id(), applied.outcome().reason());
        }
        ItemOutcome outcome = applied.outcome();
        artifacts.write(ArtifactKeys.outcome(request.runId(), outcome.itemId()), outcome);
        return new ApplyItemResponse(item.id(), outcome.status());
    }

    /**
     * The applier of the line, once it is shown to belong to the decision the run carries: the deployment's own for a
     * line of the run's plan; for a decision over a run index, the member account applier of the line's (account,
     * region), which must be a target of that index whose plan digest is the line's.
     */
    private Applier requireBelongs(ApplyItemRequest request, ItemLine line, String source) {
        List<String> problems = new ArrayList<>();
        Applier lineApplier = applier;
        if (request.planDigest() == null || !request.planDigest().equals(line.planDigest())) {
            Optional<IndexOfRun> index = request.planDigest() == null ? Optional.empty()
                    : index(request.runId(), request.planDigest());
            if (index.isPresent()) {
                lineApplier = memberApplier(request, line, index.get(), problems);
            } else {
                problems.add("planDigest: is '" + line.planDigest() + "', the decision approved plan '" + request.planDigest() + "'");
            }
        }
        if (!line.runId().equals(request.runId())) {
            problems.add("runId: is '" + line.runId() + "', this is run '" + request.runId() + "'");
        }
        if (request.decisionKey() == null || !request.decisionKey().equals(line.decisionKey())) {
            problems.add("decisionKey: is '" + line.decisionKey() + "', the run's decision is '" + request.decisionKey() + "'");
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
        return lineApplier;
    }

    /** A run's index and its digest, as this process last read them. */
    private record IndexOfRun(RunIndex index, String digest) {
    }

    /**
     * The run's index, if it has one. Kept for the next line of the same run and decision (a Lambda instance applies
     * many); otherwise read again, so the digest checked against the decision is always that of the index as stored.
     */
    private Optional<IndexOfRun> index(String runId, String approvedDigest) {
        IndexOfRun kept = lastIndex;
        if (kept != null && kept.index().runId().equals(runId) && kept.digest().equals(approvedDigest)) {
            return Optional.of(kept);
        }
        Optional<IndexOfRun> read = artifacts.find(ArtifactKeys.index(runId), RunIndex.class)
                .map(i -> new IndexOfRun(i, PlanDigest.ofIndex(i)));
        read.ifPresent(i -> lastIndex = i);
        return read;
    }

    /** The applier of a line of a decision over the run index, or the deployment's own with the problems named. */
    private Applier memberApplier(ApplyItemRequest request, ItemLine line, IndexOfRun read, List<String> problems) {
        RunIndex index = read.index();
        String indexDigest = read.digest();
        if (!indexDigest.equals(request.planDigest())) {
            problems.add("planDigest: the decision approved '" + request.planDigest() + "', but the run index's digest is '"
                    + indexDigest + "': the index changed after it was approved");
            return applier;
        }
        Optional<FunctionArn> arn = FunctionArn.parse(line.item().functionArn());
        if (arn.isEmpty()) {
            problems.add("item.functionArn: '" + line.item().functionArn() + "' is not an unqualified Lambda function ARN");
            return applier;
        }
        String account = arn.get().account();
        String region = arn.get().region();
        Optional<RunIndex.Entry> entry = index.entry(account, region);
        if (entry.isEmpty()) {
            boolean accountListed = index.targets().stream().anyMatch(e -> e.accountId().equals(account));
            problems.add("item.functionArn: " + (accountListed ? "region " + region + " of account " + account
                    + " is not a target of the run index" : "account " + account + " is not one of the run index's targets"));
            return applier;
        }
        if (!entry.get().planDigest().equals(line.planDigest())) {
            problems.add("planDigest: is '" + line.planDigest() + "', but the plan of " + account + "/" + region
                    + " in the run index is '" + entry.get().planDigest() + "' (the line is of another plan)");
            return applier;
        }
        if (members == null) {
            problems.add("item.functionArn: account " + account + " is a member account, and this deployment has no member "
                    + "role settings (fleetopt.organization.*) to apply it with");
            return applier;
        }
        return members.applier(account, region);
    }
}
