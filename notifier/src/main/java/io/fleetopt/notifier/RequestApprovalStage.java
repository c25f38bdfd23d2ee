package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;

import java.time.Clock;
import java.time.Instant;

/** The RequestApproval state: keeps the task token for the review page, then emails the plan to the approver. */
public final class RequestApprovalStage {

    private final NotifyStage notify;
    private final DocumentStore documents;
    private final Clock clock;

    RequestApprovalStage(NotifyStage notify, DocumentStore documents, Clock clock) {
        this.notify = notify;
        this.documents = documents;
        this.clock = clock;
    }

    public RunState request(ApprovalRequest request) {
        RunState run = request.run();
        if (request.taskToken() == null || request.taskToken().isBlank()) {
            throw new IllegalArgumentException("run " + run.runId() + ": RequestApproval needs the task token ($$.Task.Token)");
        }
        Instant now = clock.instant();
        documents.write(ArtifactKeys.approvalTask(run.runId()), new PendingApproval(PendingApproval.SCHEMA_VERSION, run.runId(), run.planKey(),
                request.taskToken(), now, now.plusSeconds(request.timeoutSeconds())));
        return notify.requestApproval(run, "Open the review link in this email to approve or reject, before "
                + now.plusSeconds(request.timeoutSeconds()) + ". Until then nothing changes; after it, the run ends unchanged.");
    }
}
