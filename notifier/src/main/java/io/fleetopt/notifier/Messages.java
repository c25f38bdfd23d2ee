package io.fleetopt.notifier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageKind;

import java.math.BigDecimal;

/** The messages people get: the weekly summary, "nothing to do this week" and the notices (the approval request is {@link ApprovalEmail}). */
public final class Messages {

    private Messages() {
    }

    public static Message noChanges(Plan plan, String account, SavingsReport savings) {
        String subject = "fleetopt: nothing to change for " + account + " this week (run " + plan.runId() + ")";
        String body = "fleetopt found nothing to change this week.\n\n" + PlanText.text(plan)
                + (savings == null ? "" : "\n" + SavingsText.text(savings));
        return new Message(MessageKind.NO_CHANGES, plan.runId(), subject, body);
    }

    /**
     * The weekly summary; {@code savings} (may be null) adds the realized savings of earlier runs, and
     * {@code rollbackCommand} tells how to undo the run (null: there is no command for it, and the summary says so).
     */
    public static Message summary(Plan plan, ApplyResult result, String account, SavingsReport savings, String rollbackCommand) {
        BigDecimal applied = AppliedEstimate.monthlyUsd(plan, result);
        String subject = String.format("fleetopt: %d changes applied to %s, est. %s/month (run %s)",
                result.count(ApplyStatus.APPLIED), account, Money.usd(applied), plan.runId());
        String body = "Weekly summary of run " + plan.runId() + " for account " + account + ".\n\n"
                + "Estimated saving of the changes applied: " + Money.usd(applied) + "/month\n"
                + "(the realized saving is confirmed from the cost history a week after the change)\n\n"
                + ResultText.text(result)
                + (savings == null ? "" : "\n" + SavingsText.text(savings))
                + (plan.optimizerCost() == null ? "" : "\n" + OptimizerCostText.line(plan.optimizerCost()) + "\n")
                + "\n" + undoText(rollbackCommand, plan.runId()) + "\n";
        return new Message(MessageKind.SUMMARY, plan.runId(), subject, body);
    }

    private static final int MAX_CAUSE_CHARS = 2_000;

    public static Message failure(String runId, String error, String cause, String account) {
        String subject = "fleetopt: weekly run " + runId + " for " + account + " failed (" + (error == null ? "unknown error" : error) + ")";
        String shortCause = cause == null ? "(no cause given)"
                : cause.length() <= MAX_CAUSE_CHARS ? cause : cause.substring(0, MAX_CAUSE_CHARS) + "...";
        String body = "The weekly run " + runId + " of account " + account + " stopped at a failed stage.\n"
                + "Changes recorded in the change ledger before the failure stay as they are; nothing else was changed.\n\n"
                + "Error: " + (error == null ? "(unknown)" : error) + "\n"
                + "Cause: " + shortCause + "\n\n"
                + "The execution's history in the Step Functions console shows the failed state and its input.\n";
        return new Message(MessageKind.FAILURE, runId, subject, body);
    }

    /**
     * Nobody decided in time. {@code autoApplied} (null when AutoApply changed nothing) is what the account's policy
     * applied before the approval was asked for: it stays, and the notice says so with the command that undoes it.
     */
    public static Message expired(Plan plan, String account, ApplyResult autoApplied, String rollbackCommand) {
        String subject = autoApplied == null
                ? "fleetopt: approval for " + account + " expired, nothing changed (run " + plan.runId() + ")"
                : "fleetopt: approval for " + account + " expired; " + autoApplied.count(ApplyStatus.APPLIED)
                + " auto-approved changes were applied (run " + plan.runId() + ")";
        String body = "Nobody approved or rejected the plan of run " + plan.runId() + " in time, so "
                + (autoApplied == null ? "nothing was changed.\n" : "none of the changes that needed approval was made.\n"
                + autoAppliedText(autoApplied, rollbackCommand))
                + "Next week's run proposes its changes again.\n\n" + PlanText.text(plan);
        return new Message(MessageKind.EXPIRED, plan.runId(), subject, body);
    }

    /** The approver approved nothing; what AutoApply changed before ({@code autoApplied}, or null) stays, and is told. */
    public static Message rejected(Plan plan, String account, ApplyResult autoApplied, String rollbackCommand) {
        String subject = autoApplied == null
                ? "fleetopt: no changes approved for " + account + ", nothing changed (run " + plan.runId() + ")"
                : "fleetopt: no changes approved for " + account + "; " + autoApplied.count(ApplyStatus.APPLIED)
                + " auto-approved changes were applied (run " + plan.runId() + ")";
        String body = "The approver approved none of the changes of run " + plan.runId() + ", so "
                + (autoApplied == null ? "nothing was changed.\n\n" : "none of them was made.\n"
                + autoAppliedText(autoApplied, rollbackCommand) + "\n")
                + PlanText.text(plan);
        return new Message(MessageKind.REJECTED, plan.runId(), subject, body);
    }

    private static String autoAppliedText(ApplyResult autoApplied, String rollbackCommand) {
        String runId = autoApplied.runId();
        return "Before asking, AutoApply applied " + autoApplied.count(ApplyStatus.APPLIED) + " changes that the account's "
                + "policy approves by risk; they stay in place:\n" + ResultText.text(autoApplied)
                + undoText(rollbackCommand, runId) + "\n";
    }

    private static String undoText(String rollbackCommand, String runId) {
        return rollbackCommand != null ? "Undo this run's changes: " + rollbackCommand
                : "Each change's previous value is in the change ledger; fleetopt rollback --stack STACK --region REGION "
                + "--run " + runId + ", with this deployment's stack name and region, restores them.";
    }
}
