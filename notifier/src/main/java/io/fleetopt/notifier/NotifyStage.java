package io.fleetopt.notifier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MessageSender;

/** The notifier's states: RequestApproval, NotifyNoChanges, NotifySummary, NotifyFailure, NotifyExpired, NotifyRejected. */
public final class NotifyStage {

    private final MessageSender sender;
    private final DocumentStore documents;
    private final String account;
    private final String cliAccountFlags;

    /** {@code cliAccountFlags} go into the commands the messages suggest (e.g. "--demo" locally). */
    public NotifyStage(MessageSender sender, DocumentStore documents, String account, String cliAccountFlags) {
        this.sender = sender;
        this.documents = documents;
        this.account = account;
        this.cliAccountFlags = cliAccountFlags;
    }

    public RunState requestApproval(RunState state, String howToDecide) {
        return requestApproval(state, java.util.List.of(), howToDecide);
    }

    /** The approval email; {@code autoAppliedItemIds} were applied by policy already and are not asked again. */
    public RunState requestApproval(RunState state, java.util.List<String> autoAppliedItemIds, String howToDecide) {
        sender.send(ApprovalEmail.message(plan(state), account, autoAppliedItemIds, howToDecide));
        return state;
    }

    public RunState notifyNoChanges(RunState state) {
        sender.send(Messages.noChanges(plan(state), account, savings(state)));
        return state;
    }

    public RunState notifySummary(RunState state) {
        ApplyResult result = documents.read(state.resultKey(), ApplyResult.class, "apply result");
        String rollback = ("fleetopt rollback " + cliAccountFlags + " --run " + state.runId()).replaceAll(" +", " ");
        sender.send(Messages.summary(plan(state), result, account, savings(state), rollback));
        return state;
    }

    /** A stage failed: who reads this learns which run, the error and its cause; the run then fails. */
    public RunState notifyFailure(FailureNotice notice) {
        sender.send(Messages.failure(notice.run().runId(), notice.error(), notice.cause(), account));
        return notice.run();
    }

    /** Nobody decided within the approval timeout: nothing was changed. */
    public RunState notifyExpired(RunState state) {
        sender.send(Messages.expired(plan(state), account));
        return state;
    }

    /** The approver approved nothing: nothing was changed. */
    public RunState notifyRejected(RunState state) {
        sender.send(Messages.rejected(plan(state), account));
        return state;
    }

    /** The realized savings VerifyEarlierChanges kept for this run, if it ran. */
    private SavingsReport savings(RunState state) {
        return documents.find(ArtifactKeys.savings(state.runId()), SavingsReport.class).orElse(null);
    }

    private Plan plan(RunState state) {
        return documents.read(state.planKey(), Plan.class, "plan");
    }
}
