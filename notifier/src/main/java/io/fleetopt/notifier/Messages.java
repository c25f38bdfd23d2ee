package io.fleetopt.notifier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageKind;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
     * {@code rollbackCommand} tells how to undo the run.
     */
    public static Message summary(Plan plan, ApplyResult result, String account, SavingsReport savings, String rollbackCommand) {
        Map<String, Recommendation> items = plan.items().stream()
                .collect(Collectors.toMap(Recommendation::id, Function.identity()));
        BigDecimal applied = result.items().stream().filter(i -> i.status() == ApplyStatus.APPLIED)
                .map(ItemOutcome::itemId).map(items::get).map(Recommendation::monthlySavingUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        String subject = String.format("fleetopt: %d changes applied to %s, est. %s/month (run %s)",
                result.count(ApplyStatus.APPLIED), account, Money.usd(applied), plan.runId());
        String body = "Weekly summary of run " + plan.runId() + " for account " + account + ".\n\n"
                + "Estimated saving of the changes applied: " + Money.usd(applied) + "/month\n"
                + "(the realized saving is confirmed from the cost history a week after the change)\n\n"
                + ResultText.text(result)
                + (savings == null ? "" : "\n" + SavingsText.text(savings))
                + "\nUndo this run's changes: " + rollbackCommand + "\n";
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

    public static Message expired(Plan plan, String account) {
        String subject = "fleetopt: approval for " + account + " expired, nothing changed (run " + plan.runId() + ")";
        String body = "Nobody approved or rejected the plan of run " + plan.runId() + " in time, so nothing was changed.\n"
                + "Next week's run proposes its changes again.\n\n" + PlanText.text(plan);
        return new Message(MessageKind.EXPIRED, plan.runId(), subject, body);
    }

    public static Message rejected(Plan plan, String account) {
        String subject = "fleetopt: no changes approved for " + account + ", nothing changed (run " + plan.runId() + ")";
        String body = "The approver approved none of the changes of run " + plan.runId() + ", so nothing was changed.\n\n"
                + PlanText.text(plan);
        return new Message(MessageKind.SUMMARY, plan.runId(), subject, body);
    }
}
