package io.fleetopt.notifier.report;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.FunctionSavings;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static io.fleetopt.notifier.report.ReportFigures.perMonth;
import static io.fleetopt.notifier.report.ReportFigures.usd;

/**
 * The weekly report as one self-contained HTML page: inline CSS and an inline SVG chart, no script, nothing loaded
 * from elsewhere (its Content-Security-Policy forbids it), so it can be stored, mailed and forwarded as it is.
 * The headline figures carry {@code data-field} attributes naming what they are.
 */
public final class HtmlReport {

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final String CSS = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:0;background:#f5f6f8}
            main{max-width:1100px;margin:0 auto;padding:24px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px}h3{font-size:16px;margin:20px 0 6px}
            .sub{color:#5b6475;margin:0}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px;margin-top:20px}
            .card{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:14px}
            .card .label{color:#5b6475;font-size:13px}.card .value{font-size:26px;font-weight:600;margin:4px 0}
            .card .hint{color:#5b6475;font-size:12px}
            table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
            th,td{border:1px solid #dde1e8;padding:5px 7px;text-align:left;vertical-align:top}
            th{background:#eef1f5}td.num{text-align:right;white-space:nowrap}
            .status-measured{color:#176b3a}.status-other{color:#8a5a00}
            .confidence{font-weight:600}.notes{margin:4px 0 10px 18px;color:#3a4254}
            svg.chart{background:#fff;border:1px solid #dde1e8;border-radius:8px;max-width:100%;height:auto}
            .grid{stroke:#e6e9ef}.axis{fill:#5b6475;font-size:11px}.empty{fill:#5b6475}
            .line{fill:none;stroke-width:2}.line.estimated{stroke:#7a8699;stroke-dasharray:5 4}.line.realized{stroke:#1f7a4a}
            circle.estimated{fill:#7a8699}circle.realized{fill:#1f7a4a}
            rect.estimated{fill:#7a8699}rect.realized{fill:#1f7a4a}.legend text{font-size:12px;fill:#3a4254}
            .scroll{overflow-x:auto}tr.totals,tr.account{font-weight:600}tr.totals td{background:#f0f4ee}
            footer{color:#5b6475;font-size:12px;margin-top:32px}
            """;

    private HtmlReport() {
    }

    public static String render(WeeklyReport report) {
        StringBuilder out = new StringBuilder(32_768);
        out.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>fleetopt weekly report: ").append(esc(report.account())).append(", run ").append(esc(report.runId()))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        out.append("<h1>Lambda savings report</h1>\n<p class=\"sub\">Account ").append(esc(report.account())).append(" · run ")
                .append(esc(report.runId())).append(" · generated ").append(GENERATED.format(report.generatedAt())).append("</p>\n");
        headline(out, report);
        out.append("<h2>Estimated vs realized, by week</h2>\n").append(SavingsChart.svg(report.weeks()));
        weeks(out, report);
        changeSets(out, report);
        if (report.accounts() != null) {
            accounts(out, report.accounts());
        }
        if (report.pending() != null) {
            pending(out, report.pending());
        }
        method(out, report);
        out.append("<footer>Monthly figures are 30 days. Realized savings are measured at this week's traffic, so they are "
                + "what the changes save now, not what they saved in the past.</footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void headline(StringBuilder out, WeeklyReport report) {
        WeeklyReport.Headline h = report.headline();
        out.append("<section class=\"cards\">\n");
        card(out, "realized-this-week", "Realized this week", perMonth(h.realizedMonthlyUsd()),
                h.changeSetsChecked() + " earlier change set" + (h.changeSetsChecked() == 1 ? "" : "s") + " checked, at this week's traffic");
        card(out, "estimated-just-applied", "Estimated for what was just applied", perMonth(h.justAppliedMonthlyUsd()),
                h.justAppliedChanges() + " change" + (h.justAppliedChanges() == 1 ? "" : "s") + " applied by this run; measured from next week");
        card(out, "cumulative-realized", "Realized since the first run", perMonth(h.cumulativeRealizedMonthlyUsd()),
                "latest measurement of each of " + h.changeSetsMeasured() + " change set" + (h.changeSetsMeasured() == 1 ? "" : "s") + ", added up");
        card(out, "own-cost", "fleetopt's own AWS cost for this run", usd(h.ownCostUsd()),
                report.ownCost().costExplorerRequests() + " Cost Explorer request" + (report.ownCost().costExplorerRequests() == 1 ? "" : "s")
                        + ", " + String.format(java.util.Locale.ROOT, "%,d", report.ownCost().metricsRequested())
                        + " CloudWatch metrics; its Lambda and Step Functions time not included"
                        + (report.accounts() == null ? "" : "; nor the collection in the member accounts"));
        out.append("</section>\n");
    }

    private static void card(StringBuilder out, String field, String label, String value, String hint) {
        out.append("<div class=\"card\"><div class=\"label\">").append(esc(label)).append("</div><div class=\"value\" data-field=\"")
                .append(field).append("\">").append(esc(value)).append("</div><div class=\"hint\">").append(esc(hint)).append("</div></div>\n");
    }

    private static void weeks(StringBuilder out, WeeklyReport report) {
        if (report.weeks().isEmpty()) {
            return;
        }
        out.append("<table class=\"weeks\">\n<tr><th>week of</th><th>changes</th><th>estimated</th><th>realized</th></tr>\n");
        for (WeeklyReport.WeekPoint w : report.weeks()) {
            out.append("<tr><td>").append(w.weekOf()).append("</td><td class=\"num\">").append(w.changes()).append("</td><td class=\"num\">")
                    .append(esc(perMonth(w.estimatedMonthlyUsd()))).append("</td><td class=\"num\">")
                    .append(w.realizedMonthlyUsd() == null ? "not measured yet" : esc(perMonth(w.realizedMonthlyUsd()))).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void changeSets(StringBuilder out, WeeklyReport report) {
        out.append("<h2>Change sets checked this week</h2>\n");
        if (report.changeSets().isEmpty()) {
            out.append("<p>No earlier change set is a full week old yet: the first realized figures come a week after the first changes.</p>\n");
            return;
        }
        for (ChangeSetSavings set : report.changeSets()) {
            out.append("<section class=\"change-set\" data-run=\"").append(esc(set.runId())).append("\">\n<h3>Run ").append(esc(set.runId()))
                    .append(", applied ").append(set.appliedOn()).append(": ").append(set.changes()).append(set.changes() == 1 ? " change" : " changes")
                    .append("</h3>\n")
                    .append("<p>Estimated <b>").append(esc(perMonth(set.estimatedMonthlyUsd()))).append("</b>, realized <b data-field=\"realized-")
                    .append(esc(set.runId())).append("\">").append(esc(ReportFigures.realized(set))).append("</b>; ").append(esc(report.costExplorer().source())).append(": ")
                    .append(esc(ReportFigures.crossCheck(set))).append(". Confidence <span class=\"confidence\">").append(set.confidence())
                    .append("</span>:</p>\n<ul class=\"notes\">\n");
            for (String note : set.confidenceNotes()) {
                out.append("<li>").append(esc(note)).append("</li>\n");
            }
            out.append("</ul>\n<p>").append(esc(set.explanation())).append("</p>\n");
            out.append("<div class=\"scroll\"><table class=\"functions\">\n<tr><th>function</th><th>change</th><th>status</th><th>memory configured, used</th>"
                    + "<th>invocations/day before, now</th><th>duration p50 / p99 before</th><th>duration p50 / p99 now</th>"
                    + "<th>cost before</th><th>cost now</th><th>estimated</th><th>realized</th><th>note</th></tr>\n");
            for (FunctionSavings f : set.functions()) {
                boolean measured = f.status() == io.fleetopt.core.model.SavingsStatus.MEASURED;
                out.append("<tr><td>").append(esc(f.functionName())).append("</td><td>").append(esc(f.kind().label())).append(": ")
                        .append(esc(ReportFigures.change(f))).append("</td><td class=\"").append(measured ? "status-measured" : "status-other")
                        .append("\">").append(esc(f.status().label())).append("</td><td>").append(esc(ReportFigures.memory(f)))
                        .append("</td><td class=\"num\">").append(ReportFigures.invocationsPerDay(f.usageBefore())).append(", ")
                        .append(ReportFigures.invocationsPerDay(f.usageAfter())).append("</td><td class=\"num\">")
                        .append(esc(ReportFigures.durations(f.usageBefore()))).append("</td><td class=\"num\">")
                        .append(esc(ReportFigures.durations(f.usageAfter()))).append("</td><td class=\"num\">")
                        .append(esc(perMonth(f.costBeforeMonthlyUsd()))).append("</td><td class=\"num\">").append(esc(perMonth(f.costAfterMonthlyUsd())))
                        .append("</td><td class=\"num\">").append(esc(perMonth(f.estimatedMonthlyUsd()))).append("</td><td class=\"num\">")
                        .append(esc(ReportFigures.realized(f))).append("</td><td>").append(esc(f.note())).append("</td></tr>\n");
            }
            out.append("</table></div>\n</section>\n");
        }
    }

    /** A run over member accounts: its figures in words, a row per account and per region, what was not collected, its cost. */
    private static void accounts(StringBuilder out, AccountSections sections) {
        AccountSections.Figures t = sections.totals();
        out.append("<h2>Accounts and regions</h2>\n<p class=\"member-run\">").append(esc(ReportFigures.memberRun(sections))).append("</p>\n")
                .append("<div class=\"scroll\"><table class=\"accounts\">\n<tr><th>account</th><th>region</th><th>functions</th><th>changes planned</th>"
                        + "<th>findings</th><th>planned (estimated)</th><th>applied</th><th>realized of earlier changes</th><th>plan</th></tr>\n");
        row(out, "all", "all", t, null, "totals");
        for (AccountSections.Account account : sections.accounts()) {
            row(out, account.accountId(), "all", account.totals(), null, "account");
            for (AccountSections.Region region : account.regions()) {
                row(out, account.accountId(), region.region(), region.figures(), region.inIndex() ? region.planKey() : "not in the run's index",
                        "region");
            }
        }
        out.append("</table></div>\n");
        if (!sections.notCollected().isEmpty()) {
            out.append("<h3>Not collected (").append(sections.notCollected().size()).append(")</h3>\n<table class=\"not-collected\">\n"
                    + "<tr><th>account</th><th>region</th><th>error</th><th>cause</th></tr>\n");
            for (io.fleetopt.core.model.RunIndex.FailedTarget f : sections.notCollected()) {
                out.append("<tr data-account=\"").append(esc(f.accountId())).append("\" data-region=\"").append(esc(f.region())).append("\"><td>")
                        .append(esc(f.accountId())).append("</td><td>").append(esc(f.region())).append("</td><td>").append(esc(f.error()))
                        .append("</td><td>").append(esc(f.cause())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("<p class=\"run-cost\">").append(esc(ReportFigures.modelledRunCost(sections))).append("</p>\n");
    }

    private static void row(StringBuilder out, String account, String region, AccountSections.Figures f, String plan, String level) {
        out.append("<tr class=\"").append(level).append("\" data-account=\"").append(esc(account)).append("\" data-region=\"")
                .append(esc(region)).append("\"><td>").append(esc(account)).append("</td><td>").append(esc(region))
                .append("</td><td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%,d", f.functions()))
                .append("</td><td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%,d", f.changesPlanned()))
                .append("</td><td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%,d", f.items() - f.changesPlanned()))
                .append("</td><td class=\"num\">").append(esc(perMonth(f.plannedMonthlyUsd()))).append("</td><td>")
                .append(esc(ReportFigures.applied(f))).append("</td><td>").append(esc(ReportFigures.realized(f))).append("</td><td>")
                .append(esc(plan)).append("</td></tr>\n");
    }

    private static void pending(StringBuilder out, WeeklyReport.Pending pending) {
        out.append("<h2>Pending</h2>\n<p>").append(pending.notApproved()).append(" change").append(pending.notApproved() == 1 ? "" : "s")
                .append(" not approved in this run (").append(esc(perMonth(pending.notApprovedMonthlyUsd()))).append(" estimated); ")
                .append(pending.findings()).append(" finding").append(pending.findings() == 1 ? "" : "s")
                .append(" for the functions' owners (").append(esc(perMonth(pending.findingsMonthlyUsd()))).append(" estimated).</p>\n");
        if (pending.items().isEmpty()) {
            return;
        }
        out.append("<table class=\"pending\">\n<tr><th>function</th><th>kind</th><th>change</th><th>who acts</th><th>estimated</th><th>why</th></tr>\n");
        for (WeeklyReport.PendingItem item : pending.items()) {
            out.append("<tr><td>").append(esc(item.functionName())).append("</td><td>").append(esc(item.kind())).append("</td><td>")
                    .append(esc(item.change())).append("</td><td>").append(item.finding() ? "the owner (finding)" : "an approver")
                    .append("</td><td class=\"num\">").append(esc(perMonth(item.monthlySavingUsd()))).append("</td><td>").append(esc(item.why()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void method(StringBuilder out, WeeklyReport report) {
        out.append("<h2>How these figures were read</h2>\n<ul>\n");
        if (!report.changeSets().isEmpty()) {
            out.append("<li>").append(esc(ReportFigures.method(report.changeSets().getFirst()))).append("</li>\n");
        }
        out.append("<li>Cross-check: ").append(esc(report.costExplorer().level())).append("; ").append(report.costExplorer().calls())
                .append(" paid request").append(report.costExplorer().calls() == 1 ? "" : "s").append(" this run (")
                .append(esc(usd(report.costExplorer().costUsd()))).append(")")
                .append(report.costExplorer().unavailable() == null ? "" : "; " + esc(report.costExplorer().unavailable())).append(".</li>\n")
                .append("<li>Rolled-back, drifted and superseded changes, and changes that did not run, realize zero and are listed as such.</li>\n")
                .append("<li>Confidence starts HIGH and drops a level for a traffic shift of 20 % or more (two for 50 %), fewer than 7 days "
                        + "of data, another run's memory changes to the same functions in the weeks compared, and a Cost Explorer figure "
                        + "that is missing or more than 25 % (and $1) off.</li>\n</ul>\n");
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
