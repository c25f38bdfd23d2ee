package io.fleetopt.notifier.approval;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.SkippedFunction;
import io.fleetopt.core.port.IndexedPlans.TargetPlan;
import io.fleetopt.notifier.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import static io.fleetopt.notifier.approval.Html.escape;
import static io.fleetopt.notifier.approval.Html.escapeTo;
import static io.fleetopt.notifier.approval.ReviewPage.total;

/**
 * The review page of a run over member accounts: its index presented as one plan. The run's totals, one row per
 * (account, region), every change awaiting approval (a ticked checkbox each, grouped by account and region, then by
 * function, as the single-account page shows all of a plan's changes), the findings for owners, the functions left
 * alone, and the (account, region)s that were not collected; one form decides on all of it.
 */
final class IndexReviewPage {

    /** A run over member accounts skips AutoApply: every change of it waits for the approver. */
    private static final java.util.Set<String> NOTHING_AUTO_APPROVED = java.util.Set.of();

    private IndexReviewPage() {
    }

    static String render(RunIndex index, List<TargetPlan> plans, PendingApproval pending, ReviewLink link,
                         String csrfToken, String indexDigest) {
        List<Recommendation> awaiting = awaitingApproval(plans, pending);
        BigDecimal awaitingSaving = saving(awaiting);
        long findings = plans.stream().flatMap(t -> t.plan().items().stream()).filter(i -> i.action() == Action.REPORT_ONLY).count();
        long leftAlone = plans.stream().mapToLong(t -> t.plan().skipped().size()).sum();
        RunIndex.Totals t = index.totals();

        StringBuilder out = new StringBuilder(4096 + awaiting.size() * 700);
        out.append("<h1>Review the plan of run ").append(escape(index.runId())).append("</h1>\n");
        out.append("<p>").append(count(t.accounts(), "account")).append(" and ").append(count(t.regions(), "region"))
                .append(" (").append(index.targets().size()).append(" account-region pairs). Nothing changes until you approve. ")
                .append("Decide before <b>").append(escape(pending.expiresAt().toString()))
                .append("</b>; after that the run ends unchanged.</p>\n");
        out.append("<ul class=\"totals\">")
                .append(total(awaiting.size(), "changes to approve"))
                .append(total(Money.usd(awaitingSaving) + "/mo", "their estimated saving"))
                .append(total(t.functionCount(), "functions"))
                .append(total(findings, "findings for owners"))
                .append(total(leftAlone, "functions left alone"))
                .append(total(index.failedTargets().size(), "account-region pairs not collected"))
                .append("</ul>\n");

        out.append("<h2>Accounts and regions (").append(index.targets().size()).append(")</h2>\n<div class=\"scroll\"><table>")
                .append("<tr><th>Account</th><th>Region</th><th>Functions</th><th>Changes to approve</th><th>Saving</th></tr>");
        for (TargetPlan target : plans) {
            List<Recommendation> its = ReviewPage.awaitingApproval(target.plan(), NOTHING_AUTO_APPROVED);
            out.append("<tr><td>").append(escape(target.entry().accountId())).append("</td><td>")
                    .append(escape(target.entry().region())).append("</td><td class=\"n\">").append(target.entry().functionCount())
                    .append("</td><td class=\"n\">").append(its.size()).append("</td><td class=\"n\">")
                    .append(Money.usd(saving(its))).append("/mo</td></tr>");
        }
        out.append("</table></div>\n");

        ReviewPage.openForm(out, link, csrfToken, indexDigest);
        out.append("<h2>Changes to approve (").append(awaiting.size()).append(")</h2>\n");
        for (TargetPlan target : plans) {
            List<Recommendation> its = ReviewPage.awaitingApproval(target.plan(), NOTHING_AUTO_APPROVED);
            if (its.isEmpty()) {
                continue;
            }
            out.append("<h3>").append(escape(target.entry().accountId())).append(' ').append(escape(target.entry().region()))
                    .append(" (").append(its.size()).append(")</h3>\n");
            ReviewPage.checkboxes(out, its);
        }
        ReviewPage.decideAndClose(out, pending);

        if (findings > 0) {
            out.append("<h2>Findings for owners (").append(findings).append(")</h2>\n")
                    .append("<p>Report only: fleetopt does not make these changes; the function's owner does.</p>\n");
            for (TargetPlan target : plans) {
                ReviewPage.groups(out, target.plan().items().stream().filter(i -> i.action() == Action.REPORT_ONLY).toList());
            }
        }
        if (leftAlone > 0) {
            out.append("<h2>Left alone (").append(leftAlone).append(")</h2>\n<div class=\"card\"><ul class=\"plain\">");
            for (TargetPlan target : plans) {
                for (SkippedFunction s : target.plan().skipped()) {
                    out.append("<li><b>");
                    escapeTo(out, s.functionName());
                    out.append("</b> (").append(escape(target.entry().accountId())).append(' ')
                            .append(escape(target.entry().region())).append("): ");
                    escapeTo(out, s.reason());
                    out.append("</li>");
                }
            }
            out.append("</ul></div>\n");
        }
        if (!index.failedTargets().isEmpty()) {
            out.append("<h2>Not collected (").append(index.failedTargets().size()).append(")</h2>\n")
                    .append("<p>Nothing of these is in the plan, and nothing changes in them.</p>\n<div class=\"card\"><ul class=\"plain\">");
            for (RunIndex.FailedTarget f : index.failedTargets()) {
                out.append("<li><b>").append(escape(f.accountId())).append(' ').append(escape(f.region())).append("</b>: ");
                escapeTo(out, f.error() == null ? "failed" : f.error());
                if (f.cause() != null) {
                    out.append(" &middot; ");
                    escapeTo(out, f.cause().length() <= 300 ? f.cause() : f.cause().substring(0, 300) + "...");
                }
                out.append("</li>");
            }
            out.append("</ul></div>\n");
        }
        for (TargetPlan target : plans) {
            for (String warning : target.plan().warnings()) {
                out.append("<p class=\"warn\">").append(escape(target.entry().accountId())).append(' ')
                        .append(escape(target.entry().region())).append(": ");
                escapeTo(out, warning);
                out.append("</p>\n");
            }
        }
        return Html.document(String.format(Locale.ROOT, "fleetopt review: %d changes, %s/month (run %s)", awaiting.size(),
                Money.usd(awaitingSaving), index.runId()), out.toString());
    }

    /** The changes the approver decides on: every target plan's changes to approve, in the index's order. */
    static List<Recommendation> awaitingApproval(List<TargetPlan> plans, PendingApproval pending) {
        return plans.stream().flatMap(t -> ReviewPage.awaitingApproval(t.plan(), NOTHING_AUTO_APPROVED).stream()).toList();
    }

    private static BigDecimal saving(List<Recommendation> items) {
        return items.stream().map(Recommendation::monthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
