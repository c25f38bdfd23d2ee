package io.fleetopt.notifier.approval;

import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.notifier.Money;

import java.util.List;

import static io.fleetopt.notifier.approval.Html.escape;

/** The pages after a decision, and the pages that refuse a request (each says what is wrong and that nothing changed). */
final class NoticePages {

    private NoticePages() {
    }

    static HttpAnswer approved(String runId, String approver, List<Recommendation> approved, int rejectedCount) {
        StringBuilder list = new StringBuilder("<ul class=\"plain\">");
        for (Recommendation item : approved) {
            list.append("<li><b>").append(escape(item.functionName())).append("</b> ").append(escape(item.kind().label()))
                    .append(": ").append(escape(SettingValues.display(item.kind(), item.currentValue()))).append(" &rarr; ")
                    .append(escape(SettingValues.display(item.kind(), item.proposedValue()))).append(" (")
                    .append(Money.usd(item.monthlySavingUsd())).append("/mo)</li>");
        }
        list.append("</ul>");
        return new HttpAnswer(200, Html.document("Approved: run " + runId, "<h1>Approved: " + approved.size()
                + " changes will be applied</h1><div class=\"notice\"><p>Thank you, " + escape(approver) + ". Run "
                + escape(runId) + " now applies these changes, each after a fresh check of the function; the "
                + rejectedCount + " you left unticked stay as they are. The summary email tells what was applied.</p>"
                + list + "</div>"));
    }

    static HttpAnswer rejected(String runId, String approver, int rejectedCount) {
        return new HttpAnswer(200, Html.document("Rejected: run " + runId, "<h1>Rejected: nothing will change</h1>"
                + "<div class=\"notice\"><p>Thank you, " + escape(approver) + ". None of the " + rejectedCount
                + " changes of run " + escape(runId) + " will be applied.</p></div>"));
    }

    /** A link whose run was decided already: who decided, when, and what; {@code status} 200 for a visit, 409 for a POST. */
    static HttpAnswer alreadyDecided(int status, String runId, DecisionTaken decision) {
        String what = decision.rejected()
                ? "rejected the plan: nothing is changed"
                : "approved " + decision.approvedCount() + " changes (and left " + decision.rejectedCount() + " unchanged)";
        String again = status == 200 ? "" : " This request changed nothing.";
        return new HttpAnswer(status, Html.document("Already decided: run " + runId, "<h1>Run " + escape(runId)
                + " was already decided</h1><div class=\"notice\"><p>" + escape(decision.approver()) + " " + what + " on "
                + escape(decision.decidedAt().toString()) + "." + again + "</p></div>"));
    }

    static HttpAnswer refused(int status, String heading, String reason) {
        return new HttpAnswer(status, Html.document(heading, "<h1>" + escape(heading) + "</h1><div class=\"notice\"><p>"
                + escape(reason) + "</p><p><b>Nothing was changed.</b></p></div>"));
    }
}
