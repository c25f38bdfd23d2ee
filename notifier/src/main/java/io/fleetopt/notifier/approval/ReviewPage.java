package io.fleetopt.notifier.approval;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.model.SkippedFunction;
import io.fleetopt.notifier.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.fleetopt.notifier.approval.Html.escape;
import static io.fleetopt.notifier.approval.Html.escapeTo;

/**
 * The review page of a run: its totals, the changes awaiting approval grouped by function (each a checkbox,
 * ticked by default), what AutoApply already did, the findings for owners, the functions left alone, and the
 * form that approves the ticked changes or rejects them all. Plain HTML: works without JavaScript.
 */
final class ReviewPage {

    private ReviewPage() {
    }

    /** The changes of the plan the approver decides on: APPLY items that AutoApply has not applied already. */
    static List<Recommendation> awaitingApproval(Plan plan, Set<String> autoApproved) {
        return plan.applicableItems().stream().filter(i -> !autoApproved.contains(i.id())).toList();
    }

    /** {@code autoApproved}: the items of AutoApply's decision ({@code AutoApprovedItems}), shown, not offered. */
    static String render(Plan plan, PendingApproval pending, Set<String> autoApproved, ReviewLink link, String csrfToken,
                         String planDigest, String account) {
        List<Recommendation> awaiting = awaitingApproval(plan, autoApproved);
        List<Recommendation> applied = plan.items().stream().filter(i -> autoApproved.contains(i.id())).toList();
        List<Recommendation> findings = plan.items().stream().filter(i -> i.action() == Action.REPORT_ONLY).toList();
        BigDecimal awaitingSaving = awaiting.stream().map(Recommendation::monthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add);

        StringBuilder out = new StringBuilder(4096 + plan.items().size() * 700);
        out.append("<h1>Review the plan of run ").append(escape(plan.runId())).append("</h1>\n");
        out.append("<p>Account ").append(escape(account)).append(". Nothing changes until you approve. Decide before <b>")
                .append(escape(pending.expiresAt().toString())).append("</b>; after that the run ends unchanged.</p>\n");
        out.append("<ul class=\"totals\">")
                .append(total(awaiting.size(), "changes to approve"))
                .append(total(Money.usd(awaitingSaving) + "/mo", "their estimated saving"))
                .append(total(applied.size(), "approved by policy"))
                .append(total(findings.size(), "findings for owners"))
                .append(total(plan.skipped().size(), "functions left alone"))
                .append("</ul>\n");

        openForm(out, link, csrfToken, planDigest);
        out.append("<h2>Changes to approve (").append(awaiting.size()).append(")</h2>\n");
        checkboxes(out, awaiting);
        decideAndClose(out, pending);

        if (!applied.isEmpty()) {
            out.append("<h2>Approved by the account's policy, not asked here (").append(applied.size()).append(")</h2>\n");
            groups(out, applied);
        }
        if (!findings.isEmpty()) {
            out.append("<h2>Findings for owners (").append(findings.size()).append(")</h2>\n")
                    .append("<p>Report only: fleetopt does not make these changes; the function's owner does.</p>\n");
            groups(out, findings);
        }
        if (!plan.skipped().isEmpty()) {
            out.append("<h2>Left alone (").append(plan.skipped().size()).append(")</h2>\n<div class=\"card\"><ul class=\"plain\">");
            for (SkippedFunction s : plan.skipped()) {
                out.append("<li><b>");
                escapeTo(out, s.functionName());
                out.append("</b>: ");
                escapeTo(out, s.reason());
                out.append("</li>");
            }
            out.append("</ul></div>\n");
        }
        for (String warning : plan.warnings()) {
            out.append("<p class=\"warn\">");
            escapeTo(out, warning);
            out.append("</p>\n");
        }
        return Html.document(String.format(Locale.ROOT, "fleetopt review: %d changes, %s/month (run %s)", awaiting.size(),
                Money.usd(awaitingSaving), plan.runId()), out.toString());
    }

    /** The changes to approve, a ticked checkbox each, grouped by function with the function's saving. */
    static void checkboxes(StringBuilder out, List<Recommendation> awaiting) {
        for (Map.Entry<String, List<Recommendation>> function : byFunction(awaiting).entrySet()) {
            BigDecimal saving = function.getValue().stream().map(Recommendation::monthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
            out.append("<fieldset><legend>");
            escapeTo(out, function.getKey());
            out.append(" &middot; ").append(Money.usd(saving)).append("/mo</legend>\n");
            for (Recommendation item : function.getValue()) {
                change(out, item, true);
            }
            out.append("</fieldset>\n");
        }
    }

    /** The form's opening: where it posts, its CSRF token and the digest of the plan it shows. */
    static void openForm(StringBuilder out, ReviewLink link, String csrfToken, String planDigest) {
        out.append("<form method=\"post\" action=\"").append(escape(link.pathAndQuery())).append("\">\n");
        out.append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(csrfToken)).append("\">\n");
        out.append("<input type=\"hidden\" name=\"planDigest\" value=\"").append(escape(planDigest)).append("\">\n");
    }

    /** The approver's name, the two buttons, and the form's end. */
    static void decideAndClose(StringBuilder out, PendingApproval pending) {
        out.append("<div class=\"decide\"><label for=\"approver\">Your name or email (recorded with the decision)</label>")
                .append("<input type=\"text\" id=\"approver\" name=\"approver\" required maxlength=\"200\" autocomplete=\"email\">")
                .append("<div class=\"buttons\"><button class=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">")
                .append("Approve selected</button><button class=\"reject\" type=\"submit\" name=\"decision\" value=\"reject\">")
                .append("Reject all</button></div><p class=\"status\">Only the ticked changes are applied, each after a fresh ")
                .append("check of the function; untick what you do not want. Deadline: ")
                .append(escape(pending.expiresAt().toString())).append(".</p></div>\n</form>\n");
    }

    static void groups(StringBuilder out, List<Recommendation> items) {
        for (Map.Entry<String, List<Recommendation>> function : byFunction(items).entrySet()) {
            out.append("<div class=\"card\"><b>");
            escapeTo(out, function.getKey());
            out.append("</b>\n");
            for (Recommendation item : function.getValue()) {
                change(out, item, false);
            }
            out.append("</div>\n");
        }
    }

    static void change(StringBuilder out, Recommendation item, boolean checkbox) {
        out.append("<div class=\"change\">");
        if (checkbox) {
            out.append("<input type=\"checkbox\" name=\"item\" checked id=\"i-").append(escape(item.id()))
                    .append("\" value=\"").append(escape(item.id())).append("\"><label for=\"i-").append(escape(item.id())).append("\">");
        } else {
            out.append("<div>");
        }
        out.append("<span class=\"what\">");
        escapeTo(out, item.kind().label());
        out.append(": ");
        escapeTo(out, SettingValues.display(item.kind(), item.currentValue()));
        out.append(" &rarr; ");
        escapeTo(out, SettingValues.display(item.kind(), item.proposedValue()));
        out.append("</span> <span class=\"risk ").append(item.risk().name()).append("\">").append(item.risk().name())
                .append(" risk</span> <span class=\"meta\">").append(Money.usd(item.monthlySavingUsd())).append("/mo</span>")
                .append("<div class=\"why\">");
        escapeTo(out, item.rationale());
        out.append("</div>");
        for (String warning : item.warnings()) {
            out.append("<div class=\"warn\">&#9888; ");
            escapeTo(out, warning);
            out.append("</div>");
        }
        out.append("<div class=\"meta\">id ");
        escapeTo(out, item.id());
        out.append("</div>").append(checkbox ? "</label>" : "</div>").append("</div>\n");
    }

    static String total(Object value, String label) {
        return "<li><b>" + escape(String.valueOf(value)) + "</b>" + escape(label) + "</li>";
    }

    /** Items by function name, functions in the order of their first item (the plan.s order). */
    static Map<String, List<Recommendation>> byFunction(List<Recommendation> items) {
        Map<String, List<Recommendation>> groups = new LinkedHashMap<>();
        for (Recommendation item : items) {
            groups.computeIfAbsent(item.functionName(), f -> new ArrayList<>()).add(item);
        }
        return groups;
    }
}
