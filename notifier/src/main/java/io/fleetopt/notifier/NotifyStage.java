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

    /**
     * {@code cliAccountFlags} go into the commands the messages suggest (e.g. "--demo" locally); null where no
     * command of the command line can act on the run (a deployed run: its ledger is in DynamoDB).
     */
    public NotifyStage(MessageSender sender, DocumentStore documents, String account, String cliAccountFlags) {
        this.sender = sender;
        this.documents = documents;
        this.account = account;
        this.cliAccountFlags = cliAccountFlags;
    }

    public RunState requestApproval(RunState state, String howToDecide) {
        sender.send(Messages.approvalRequest(plan(state), account, howToDecide));
        return state;
    }

    public RunState notifyNoChanges(RunState state) {
        sender.send(Messages.noChanges(plan(state), account, savings(state)));
        return state;
    }

    public RunState notifySummary(RunState state) {
        ApplyResult result = documents.read(state.resultKey(), ApplyResult.class, "apply result");
        sender.send(Messages.summary(plan(state), result, account, savings(state), rollbackCommand(state)));
        return state;
    }

    /** The command that undoes the run, or null when there is none to give (see the constructor). */
    private String rollbackCommand(RunState state) {
        return cliAccountFlags == null ? null
                : ("fleetopt rollback " + cliAccountFlags + " --run " + state.runId()).replaceAll(" +", " ");
    }

    /** What AutoApply changed before the run asked for approval, or null when it changed nothing. */
    private ApplyResult autoApplied(RunState state) {
        return documents.find(ArtifactKeys.autoApplied(state.runId()), ApplyResult.class)
                .filter(r -> r.count(io.fleetopt.core.model.ApplyStatus.APPLIED) > 0).orElse(null);
    }

    /** A stage failed: who reads this learns which run, the error and its cause; the run then fails. */
    public RunState notifyFailure(FailureNotice notice) {
        sender.send(Messages.failure(notice.run().runId(), notice.error(), notice.cause(), account));
        return notice.run();
    }

    /** Nobody decided within the approval timeout: nothing that needed approval was changed; says what AutoApply did. */
    public RunState notifyExpired(RunState state) {
        sender.send(Messages.expired(plan(state), account, autoApplied(state), rollbackCommand(state)));
        return state;
    }

    /** The approver approved nothing: nothing that needed approval was changed; says what AutoApply did. */
    public RunState notifyRejected(RunState state) {
        sender.send(Messages.rejected(plan(state), account, autoApplied(state), rollbackCommand(state)));
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
