package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.notifier.approval.LinkSigner;
import io.fleetopt.notifier.approval.PendingApproval;
import io.fleetopt.notifier.approval.PendingApprovals;
import io.fleetopt.notifier.approval.ReviewLink;

import java.time.Clock;
import java.time.Instant;

/**
 * The RequestApproval state: keeps the task token server-side for the review endpoint, then emails the plan
 * with a signed review link that expires with the approval timeout. The email never carries the token. A run over
 * member accounts (its plan key is the run index) is emailed as one plan from its index.
 */
public final class RequestApprovalStage {

    private final NotifyStage notify;
    private final PendingApprovals approvals;
    private final LinkSigner signer;
    private final String reviewUrl;
    private final Clock clock;

    RequestApprovalStage(NotifyStage notify, PendingApprovals approvals, LinkSigner signer, String reviewUrl, Clock clock) {
        this.notify = notify;
        this.approvals = approvals;
        this.signer = signer;
        this.reviewUrl = reviewUrl;
        this.clock = clock;
    }

    public RunState request(ApprovalRequest request) {
        RunState run = request.run();
        if (request.taskToken() == null || request.taskToken().isBlank()) {
            throw new IllegalArgumentException("run " + run.runId() + ": RequestApproval needs the task token ($$.Task.Token)");
        }
        if (request.timeoutSeconds() <= 0) {
            throw new IllegalArgumentException("run " + run.runId() + ": timeoutSeconds is " + request.timeoutSeconds()
                    + ", it must be positive (the approval timeout)");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plusSeconds(request.timeoutSeconds());
        approvals.open(new PendingApproval(PendingApproval.SCHEMA_VERSION, run.runId(), run.planKey(), request.taskToken(),
                now, expiresAt, request.autoDecisionKey()));
        ReviewLink link = signer.link(run.runId(), expiresAt);
        if (ArtifactKeys.isIndex(run.planKey())) {
            return notify.requestIndexApproval(run, howToDecide(link.url(reviewUrl), expiresAt));
        }
        return notify.requestApproval(run, request.autoDecisionKey(), howToDecide(link.url(reviewUrl), expiresAt));
    }

    static String howToDecide(String url, Instant expiresAt) {
        return "Review the plan and decide (tick the changes you approve, or reject all):\n" + url + "\n\n"
                + "Decide before " + expiresAt + "; after that the run ends unchanged. The link takes one decision; "
                + "anyone who has it can decide, so do not forward this email.";
    }
}
