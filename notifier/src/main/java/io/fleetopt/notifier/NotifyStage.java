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
    private final UndoInstructions undo;

    /** {@code undo} is how the summary tells its reader to undo the run, on the account the stage runs for. */
    public NotifyStage(MessageSender sender, DocumentStore documents, String account, UndoInstructions undo) {
        this.sender = sender;
        this.documents = documents;
        this.account = account;
        this.undo = undo;
    }

    /** The summary's last line: how to undo a run, said only as far as it works on that account. */
    @FunctionalInterface
    public interface UndoInstructions {

        String forRun(String runId);

        /** A command that undoes the run from the command line, e.g. with "--demo" on the demo account. */
        static UndoInstructions command(String cliAccountFlags) {
            return runId -> ("Undo this run's changes: fleetopt rollback " + cliAccountFlags + " --run " + runId)
                    .replaceAll(" +", " ");
        }

        /**
         * Where the values the run replaced are kept, when no command undoes it there: the command line's rollback
         * works on the demo account only, so the deployed run names no command.
         */
        static UndoInstructions ledgerRecord() {
            return runId -> "The values this run's changes replaced are recorded in the change ledger (run " + runId + ").";
        }
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
        sender.send(Messages.summary(plan(state), result, account, savings(state), undo.forRun(state.runId())));
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
