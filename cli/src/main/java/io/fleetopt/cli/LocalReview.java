package io.fleetopt.cli;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.notifier.approval.LinkSigner;
import io.fleetopt.notifier.approval.ReviewEndpoint;
import io.fleetopt.notifier.approval.local.FilePendingApprovals;
import io.fleetopt.notifier.approval.local.LinkKeyFile;
import io.fleetopt.notifier.approval.local.LocalApprovalFactory;
import io.fleetopt.notifier.approval.local.LocalTask;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The review page's parts on the demo account, from the state folder: the pending approvals, the link key (0600),
 * the waiting task, and the same {@link ReviewEndpoint} the Lambda function URL runs.
 */
final class LocalReview {

    final FilePendingApprovals approvals;
    final LinkSigner signer;
    final LocalTask task;
    final ReviewEndpoint endpoint;

    LocalReview(Path stateDir, DocumentStore documents, DocumentCodec codec, Clock clock) {
        Path dir = LocalApprovalFactory.approvalsDir(stateDir);
        this.approvals = new FilePendingApprovals(dir, codec);
        this.signer = new LinkSigner(LinkKeyFile.loadOrCreate(LocalApprovalFactory.keyFile(stateDir)));
        this.task = new LocalTask(dir, codec);
        this.endpoint = new ReviewEndpoint(signer, approvals, task, documents, codec, clock, DemoAccount.ACCOUNT_ID + " (demo)");
    }
}
