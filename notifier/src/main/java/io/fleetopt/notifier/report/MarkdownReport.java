package io.fleetopt.notifier.report;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.FunctionSavings;

import static io.fleetopt.notifier.report.ReportFigures.perMonth;
import static io.fleetopt.notifier.report.ReportFigures.usd;

/** The weekly report as Markdown: the same sections and figures as the HTML page, the chart as a table. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(WeeklyReport report) {
        WeeklyReport.Headline h = report.headline();
        StringBuilder out = new StringBuilder(16_384);
        out.append("# Lambda savings report\n\nAccount ").append(cell(report.account())).append(" · run ").append(report.runId())
                .append(" · generated ").append(report.generatedAt()).append("\n\n");
        out.append("| | |\n|---|---|\n")
                .append("| Realized this week | **").append(perMonth(h.realizedMonthlyUsd())).append("** (").append(h.changeSetsChecked())
                .append(" earlier change sets checked, at this week's traffic) |\n")
                .append("| Estimated for what was just applied | **").append(perMonth(h.justAppliedMonthlyUsd())).append("** (")
                .append(h.justAppliedChanges()).append(h.justAppliedChanges() == 1 ? " change) |\n" : " changes) |\n")
                .append("| Realized since the first run | **").append(perMonth(h.cumulativeRealizedMonthlyUsd())).append("** (latest measurement of ")
                .append(h.changeSetsMeasured()).append(" change sets) |\n")
                .append("| fleetopt's own AWS cost for this run | **").append(usd(h.ownCostUsd())).append("** (")
                .append(report.ownCost().costExplorerRequests()).append(" Cost Explorer requests, ").append(report.ownCost().metricsRequested())
                .append(" CloudWatch metrics; Lambda and Step Functions time not included")
                .append(report.accounts() == null ? "" : "; nor the collection in the member accounts").append(") |\n");
        out.append("\n## Estimated vs realized, by week\n\n");
        if (report.weeks().isEmpty()) {
            out.append("No changes applied yet.\n");
        } else {
            out.append("| week of | changes | estimated | realized |\n|---|---:|---:|---:|\n");
            for (WeeklyReport.WeekPoint w : report.weeks()) {
                out.append("| ").append(w.weekOf()).append(" | ").append(w.changes()).append(" | ").append(perMonth(w.estimatedMonthlyUsd()))
                        .append(" | ").append(w.realizedMonthlyUsd() == null ? "not measured yet" : perMonth(w.realizedMonthlyUsd())).append(" |\n");
            }
        }
        out.append("\n## Change sets checked this week\n\n");
        if (report.changeSets().isEmpty()) {
            out.append("No earlier change set is a full week old yet.\n");
        }
        for (ChangeSetSavings set : report.changeSets()) {
            out.append("### Run ").append(set.runId()).append(", applied ").append(set.appliedOn()).append(": ").append(set.changes())
                    .append(set.changes() == 1 ? " change" : " changes").append("\n\nEstimated **").append(perMonth(set.estimatedMonthlyUsd())).append("**, realized **")
                    .append(ReportFigures.realized(set)).append("**; ").append(report.costExplorer().source()).append(": ").append(ReportFigures.crossCheck(set))
                    .append(". Confidence **").append(set.confidence()).append("**:\n\n");
            set.confidenceNotes().forEach(n -> out.append("- ").append(n).append('\n'));
            out.append('\n').append(set.explanation()).append("\n\n");
            out.append("| function | change | status | memory configured, used | p50 / p99 before | p50 / p99 now | cost before | cost now | realized | note |\n")
                    .append("|---|---|---|---|---:|---:|---:|---:|---:|---|\n");
            for (FunctionSavings f : set.functions()) {
                out.append("| ").append(cell(f.functionName())).append(" | ").append(f.kind().label()).append(": ").append(cell(ReportFigures.change(f)))
                        .append(" | ").append(f.status().label()).append(" | ").append(ReportFigures.memory(f)).append(" | ")
                        .append(ReportFigures.durations(f.usageBefore())).append(" | ").append(ReportFigures.durations(f.usageAfter())).append(" | ")
                        .append(perMonth(f.costBeforeMonthlyUsd())).append(" | ").append(perMonth(f.costAfterMonthlyUsd())).append(" | ")
                        .append(ReportFigures.realized(f)).append(" | ").append(cell(f.note())).append(" |\n");
            }
            out.append('\n');
        }
        if (report.accounts() != null) {
            accounts(out, report.accounts());
        }
        if (report.pending() != null) {
            pending(out, report.pending());
        }
        out.append("\n## How these figures were read\n\n");
        if (!report.changeSets().isEmpty()) {
            out.append("- ").append(ReportFigures.method(report.changeSets().getFirst())).append('\n');
        }
        out.append("- Cross-check: ").append(report.costExplorer().level()).append("; ").append(report.costExplorer().calls())
                .append(" paid requests this run (").append(usd(report.costExplorer().costUsd())).append(")")
                .append(report.costExplorer().unavailable() == null ? "" : "; " + report.costExplorer().unavailable()).append(".\n")
                .append("- Rolled-back, drifted and superseded changes, and changes that did not run, realize zero and are listed as such.\n");
        return out.toString();
    }

    private static void pending(StringBuilder out, WeeklyReport.Pending p) {
        out.append("## Pending\n\n").append(p.notApproved()).append(" changes not approved in this run (").append(perMonth(p.notApprovedMonthlyUsd()))
                .append(" estimated); ").append(p.findings()).append(" findings for the functions' owners (").append(perMonth(p.findingsMonthlyUsd()))
                .append(" estimated).\n");
        if (!p.items().isEmpty()) {
            out.append("\n| function | kind | change | who acts | estimated |\n|---|---|---|---|---:|\n");
            for (WeeklyReport.PendingItem item : p.items()) {
                out.append("| ").append(cell(item.functionName())).append(" | ").append(item.kind()).append(" | ").append(cell(item.change()))
                        .append(" | ").append(item.finding() ? "the owner (finding)" : "an approver").append(" | ")
                        .append(perMonth(item.monthlySavingUsd())).append(" |\n");
            }
        }
    }

    private static void accounts(StringBuilder out, AccountSections sections) {
        out.append("## Accounts and regions\n\n").append(ReportFigures.memberRun(sections)).append("\n\n")
                .append("| account | region | functions | changes planned | findings | planned (estimated) | applied | realized of earlier changes | plan |\n")
                .append("|---|---|---:|---:|---:|---:|---|---|---|\n");
        row(out, "**all**", "all", sections.totals(), "");
        for (AccountSections.Account account : sections.accounts()) {
            row(out, "**" + account.accountId() + "**", "all", account.totals(), "");
            for (AccountSections.Region region : account.regions()) {
                row(out, account.accountId(), region.region(), region.figures(), region.inIndex() ? region.planKey() : "not in the run's index");
            }
        }
        if (!sections.notCollected().isEmpty()) {
            out.append("\n### Not collected (").append(sections.notCollected().size()).append(")\n\n| account | region | error | cause |\n|---|---|---|---|\n");
            for (io.fleetopt.core.model.RunIndex.FailedTarget f : sections.notCollected()) {
                out.append("| ").append(f.accountId()).append(" | ").append(f.region()).append(" | ").append(cell(f.error())).append(" | ")
                        .append(cell(f.cause())).append(" |\n");
            }
        }
        out.append('\n').append(ReportFigures.modelledRunCost(sections)).append("\n\n");
    }

    private static void row(StringBuilder out, String account, String region, AccountSections.Figures f, String plan) {
        out.append("| ").append(account).append(" | ").append(region).append(" | ").append(String.format(java.util.Locale.ROOT, "%,d", f.functions()))
                .append(" | ").append(String.format(java.util.Locale.ROOT, "%,d", f.changesPlanned())).append(" | ")
                .append(String.format(java.util.Locale.ROOT, "%,d", f.items() - f.changesPlanned())).append(" | ").append(perMonth(f.plannedMonthlyUsd()))
                .append(" | ").append(ReportFigures.applied(f)).append(" | ").append(ReportFigures.realized(f)).append(" | ").append(cell(plan)).append(" |\n");
    }

    /** A table cell's text: pipes escaped, on one line. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
    }
}
