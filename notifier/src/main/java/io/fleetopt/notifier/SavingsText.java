package io.fleetopt.notifier;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.SavingsReport;

import java.util.Locale;

/** Realized savings of earlier runs, as plain text. */
public final class SavingsText {

    private SavingsText() {
    }

    public static String text(SavingsReport report) {
        if (report.changeSets().isEmpty()) {
            return "Realized savings: no earlier changes are a full week old yet.\n";
        }
        StringBuilder out = new StringBuilder();
        out.append("Realized savings of earlier changes (from the cost history): ")
                .append(Money.usd(report.realizedMonthlyUsd())).append("/month\n");
        for (ChangeSetSavings set : report.changeSets()) {
            out.append(String.format(Locale.ROOT, "  run %s, applied %s, %d changes: estimated %s/month, realized %s/month (confidence %s)%n",
                    set.runId(), set.appliedOn(), set.changes(), Money.usd(set.estimatedMonthlyUsd()),
                    Money.usd(set.realizedMonthlyUsd()), set.confidence()));
            out.append("    ").append(set.explanation()).append('\n');
        }
        return out.toString();
    }
}
