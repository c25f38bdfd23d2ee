package io.fleetopt.notifier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageKind;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The one message of a run over several accounts and regions, from its {@link RunIndex}: the run's totals as one
 * plan, the (account, region)s with the largest savings and where each plan is, and the ones that failed. Sent as
 * the run's proposal ({@link #of}), or as its approval request with the review link ({@link #approvalRequest}):
 * nothing changes in the member accounts until the approver decides on the review page.
 */
public final class IndexedPlanMessage {

    /** The (account, region)s listed by name, of the largest savings and of those not collected; the rest are counted. */
    static final int LISTED_TARGETS = 20;

    private IndexedPlanMessage() {
    }

    /** {@code locate} turns an artifact key into where a reader finds it (an s3:// URI). */
    public static Message of(RunIndex index, String indexLocation, UnaryOperator<String> locate) {
        RunIndex.Totals t = index.totals();
        String subject = String.format(Locale.ROOT, "fleetopt: %,d changes proposed across %s, est. %s/month (run %s)",
                t.applyItemCount(), where(t), Money.usd(t.monthlySavingUsd()), index.runId());
        String body = body(index, indexLocation, locate,
                "This run collected and planned each account and region; it changed nothing in them.\n\n");
        return new Message(MessageKind.SUMMARY, index.runId(), subject, body);
    }

    /** The approval request of a run over member accounts: the same plan, then how to decide ({@code howToDecide}). */
    public static Message approvalRequest(RunIndex index, String indexLocation, UnaryOperator<String> locate,
                                          String howToDecide) {
        RunIndex.Totals t = index.totals();
        String subject = String.format(Locale.ROOT, "fleetopt: %,d changes across %s would save %s/month: approve? (run %s)",
                t.applyItemCount(), where(t), Money.usd(t.monthlySavingUsd()), index.runId());
        String body = body(index, indexLocation, locate, "Nothing changes in these accounts until you approve.\n\n")
                + "\n" + howToDecide + "\n";
        return new Message(MessageKind.APPROVAL_REQUEST, index.runId(), subject, body);
    }

    /**
     * The summary of a run over member accounts once its approved changes were applied: what was applied, skipped or
     * failed, item by item, where the guard alarms of the changes in member accounts are ({@link #MEMBER_GUARD_ALARMS}), and
     * the (account, region)s not collected, whose functions the run did not look at.
     */
    public static Message summary(RunIndex index, ApplyResult result, String indexLocation) {
        RunIndex.Totals t = index.totals();
        String subject = String.format(Locale.ROOT, "fleetopt: %,d changes applied across %s (run %s)",
                result.count(ApplyStatus.APPLIED), where(t), index.runId());
        String body = "Weekly summary of run " + index.runId() + " over " + where(t) + ".\n\n"
                + ResultText.text(result) + "\n" + MEMBER_GUARD_ALARMS + "\n" + notCollected(index)
                + "\nThe run index: " + indexLocation + "\n";
        return new Message(MessageKind.SUMMARY, index.runId(), subject, body);
    }

    /**
     * What the summary of a run over member accounts says of guard alarms: WireAlarms put them in each changed
     * function's own account and region, without an alarm action (the notification topic is in this account); the
     * member stacks' rule forwards their ALARM to this account's default event bus (infra's GuardAlarmForwarding, in the
     * member stack's region and, with MemberAlarmForwardingStack, the scope's other regions);
     * there the automatic-rollback rule invokes the Rollback function, which restores a member change through its
     * account's member role (applier's RestoreAccounts).
     */
    static final String MEMBER_GUARD_ALARMS = "The changed functions in member accounts have guard alarms (fleetopt-<function>-<kind>) "
            + "in their own account and region, with no alarm action there; the member stacks forward their ALARM state changes "
            + "to this account's event bus, where the rollback rule restores that function's changes through its account's member role.";

    /** The approver approved none of the index's changes: nothing changed in the member accounts. */
    public static Message rejected(RunIndex index) {
        RunIndex.Totals t = index.totals();
        return new Message(MessageKind.REJECTED, index.runId(), "fleetopt: run " + index.runId() + " rejected, nothing changed",
                String.format(Locale.ROOT, "The approver approved none of the %,d changes run %s proposed across %s; "
                        + "nothing changed in them.%n", t.applyItemCount(), index.runId(), where(t)));
    }

    /** Nobody decided within the approval timeout: nothing changed in the member accounts. */
    public static Message expired(RunIndex index) {
        RunIndex.Totals t = index.totals();
        return new Message(MessageKind.EXPIRED, index.runId(), "fleetopt: run " + index.runId() + " expired, nothing changed",
                String.format(Locale.ROOT, "Nobody decided on the %,d changes run %s proposed across %s before the approval "
                        + "deadline; nothing changed in them. Next week's run proposes its changes again.%n",
                        t.applyItemCount(), index.runId(), where(t)));
    }

    private static String where(RunIndex.Totals t) {
        return count(t.accounts(), "account") + " and " + count(t.regions(), "region");
    }

    private static String body(RunIndex index, String indexLocation, UnaryOperator<String> locate, String whatChanges) {
        RunIndex.Totals t = index.totals();
        String where = where(t);
        StringBuilder body = new StringBuilder();
        body.append(String.format(Locale.ROOT, "Plan of run %s over %s (%d account-region pairs): "
                        + "%,d functions, %,d items, %,d of them changes to approve, est. saving %s/month.%n",
                index.runId(), where, index.targets().size(), t.functionCount(), t.itemCount(),
                t.applyItemCount(), Money.usd(t.monthlySavingUsd())));
        body.append(whatChanges);
        List<RunIndex.Entry> bySaving = index.targets().stream()
                .sorted(Comparator.comparing(RunIndex.Entry::monthlySavingUsd).reversed()
                        .thenComparing(RunIndex.Entry::accountId).thenComparing(RunIndex.Entry::region))
                .toList();
        body.append("Largest savings:\n");
        for (RunIndex.Entry e : bySaving.subList(0, Math.min(LISTED_TARGETS, bySaving.size()))) {
            body.append(String.format(Locale.ROOT, "  %s %-15s %,7d functions %,6d changes %12s/month  %s%n",
                    e.accountId(), e.region(), e.functionCount(), e.applyItemCount(), Money.usd(e.monthlySavingUsd()),
                    locate.apply(e.planKey())));
        }
        if (bySaving.size() > LISTED_TARGETS) {
            body.append(String.format(Locale.ROOT, "  and %,d more account-region pairs in the index%n", bySaving.size() - LISTED_TARGETS));
        }
        body.append(notCollected(index));
        body.append("\nThe run index: ").append(indexLocation).append('\n');
        return body.toString();
    }

    /** The (account, region)s not collected, each with its error (the first {@value #LISTED_TARGETS}); empty if none. */
    private static String notCollected(RunIndex index) {
        List<RunIndex.FailedTarget> failed = index.failedTargets();
        if (failed.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%nNot collected (%d): nothing of them is in the totals%n", failed.size()));
        for (RunIndex.FailedTarget f : failed.subList(0, Math.min(LISTED_TARGETS, failed.size()))) {
            text.append("  ").append(f.accountId()).append(' ').append(f.region()).append(": ").append(f.error())
                    .append(f.cause() == null ? "" : " - " + shorten(f.cause())).append('\n');
        }
        if (failed.size() > LISTED_TARGETS) {
            text.append(String.format(Locale.ROOT, "  and %,d more not collected, each with its error in the index%n",
                    failed.size() - LISTED_TARGETS));
        }
        return text.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String shorten(String cause) {
        return cause.length() <= 300 ? cause : cause.substring(0, 300) + "...";
    }
}
