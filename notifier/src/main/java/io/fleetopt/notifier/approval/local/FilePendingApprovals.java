package io.fleetopt.notifier.approval.local;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.notifier.approval.ApprovalRecord;
import io.fleetopt.notifier.approval.DecisionTaken;
import io.fleetopt.notifier.approval.PendingApproval;
import io.fleetopt.notifier.approval.PendingApprovals;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Pending approvals as files in the state folder: {@code <runId>/pending.json}, and {@code <runId>/decision.json}
 * created once (a second decision finds the name taken).
 */
public final class FilePendingApprovals implements PendingApprovals {

    private final Path dir;
    private final DocumentCodec codec;

    public FilePendingApprovals(Path dir, DocumentCodec codec) {
        this.dir = dir;
        this.codec = codec;
    }

    @Override
    public void open(PendingApproval pending) {
        if (AtomicFiles.read(decisionFile(pending.runId())).isPresent()) {
            throw new IllegalStateException("run " + pending.runId() + " was already decided (" + decisionFile(pending.runId())
                    + "); its approval cannot be requested again");
        }
        AtomicFiles.replace(runDir(pending.runId()).resolve("pending.json"), codec.write(pending));
    }

    @Override
    public Optional<ApprovalRecord> find(String runId) {
        Path pendingFile = runDir(runId).resolve("pending.json");
        return AtomicFiles.read(pendingFile).map(json -> new ApprovalRecord(
                codec.read(json, PendingApproval.class, pendingFile.toString()),
                AtomicFiles.read(decisionFile(runId)).map(d -> codec.read(d, DecisionTaken.class, decisionFile(runId).toString()))
                        .orElse(null)));
    }

    @Override
    public boolean recordOnce(String runId, DecisionTaken decision) {
        return AtomicFiles.createOnce(decisionFile(runId), codec.write(decision));
    }

    private Path decisionFile(String runId) {
        return runDir(runId).resolve("decision.json");
    }

    private Path runDir(String runId) {
        Path run = dir.resolve(runId).normalize();
        if (!run.getParent().equals(dir.normalize())) {
            throw new IllegalArgumentException("run id '" + runId + "' is not a plain name");
        }
        return run;
    }
}
