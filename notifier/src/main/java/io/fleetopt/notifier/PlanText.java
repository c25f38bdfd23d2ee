package io.fleetopt.notifier;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.model.SkippedFunction;

import java.util.List;
import java.util.Locale;

/** A plan as plain text (terminal and email) or Markdown: changes, findings, and what was left alone. */
public final class PlanText {

    private PlanText() {
    }

    public static String text(Plan plan) {
        StringBuilder out = new StringBuilder();
        List<Recommendation> changes = plan.items().stream().filter(i -> i.action() == Action.APPLY).toList();
        List<Recommendation> findings = plan.items().stream().filter(i -> i.action() == Action.REPORT_ONLY).toList();
        out.append(String.format(Locale.ROOT, "Plan of run %s: %d changes to approve, %d findings for owners, %d functions left alone.%n",
                plan.runId(), changes.size(), findings.size(), plan.skipped().size()));
        out.append("Estimated saving: ").append(Money.usd(plan.totals().monthlySavingUsd())).append("/month\n");
        section(out, "CHANGES (need approval)", changes);
        section(out, "FINDINGS (report only: the owner acts)", findings);
        if (!plan.skipped().isEmpty()) {
            out.append("\nLEFT ALONE\n");
            for (SkippedFunction s : plan.skipped()) {
                out.append(String.format(Locale.ROOT, "  %-26s %s%n", s.functionName(), s.reason()));
            }
        }
        for (String warning : plan.warnings()) {
            out.append("\nwarning: ").append(warning).append('\n');
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<Recommendation> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append('\n');
        int kindWidth = items.stream().mapToInt(i -> i.kind().label().length()).max().orElse(4);
        String row = "  %-3s %-26s %-" + kindWidth + "s %-34s %-6s %12s%n";
        out.append(String.format(Locale.ROOT, row, "#", "function", "kind", "change", "risk", "saving/mo"));
        int n = 1;
        for (Recommendation item : items) {
            String change = SettingValues.display(item.kind(), item.currentValue()) + " -> "
                    + SettingValues.display(item.kind(), item.proposedValue());
            out.append(String.format(Locale.ROOT, row, n++, item.functionName(),
                    item.kind().label(), change, item.risk(), Money.usd(item.monthlySavingUsd())));
            out.append("      ").append(item.rationale()).append('\n');
            for (String warning : item.warnings()) {
                out.append("      ! ").append(warning).append('\n');
            }
            out.append("      id ").append(item.id()).append('\n');
        }
    }

    public static String markdown(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("# fleetopt plan ").append(plan.runId()).append("\n\n");
        out.append("Estimated saving: **").append(Money.usd(plan.totals().monthlySavingUsd())).append("/month** from ")
                .append(plan.items().size()).append(" items (").append(plan.totals().applyItems()).append(" to approve).\n\n");
        out.append("| id | function | kind | current | proposed | risk | action | saving/month | why |\n");
        out.append("|---|---|---|---|---|---|---|---:|---|\n");
        for (Recommendation item : plan.items()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", item.id(), item.functionName(),
                    item.kind().label(), SettingValues.display(item.kind(), item.currentValue()),
                    SettingValues.display(item.kind(), item.proposedValue()), item.risk(), item.action(),
                    Money.usd(item.monthlySavingUsd()), item.rationale().replace("|", "\\|")));
        }
        if (!plan.skipped().isEmpty()) {
            out.append("\n## Left alone\n\n");
            for (SkippedFunction s : plan.skipped()) {
                out.append("- **").append(s.functionName()).append("**: ").append(s.reason()).append('\n');
            }
        }
        return out.toString();
    }
}
