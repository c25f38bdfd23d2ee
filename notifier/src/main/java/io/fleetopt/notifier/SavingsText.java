package io.fleetopt.notifier;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.FunctionSavings;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.model.SavingsStatus;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Realized savings of earlier runs, as plain text. */
public final class SavingsText {

    private SavingsText() {
    }

    public static String text(SavingsReport report) {
        if (report.changeSets().isEmpty()) {
            return "Realized savings: no earlier changes are a full week old yet.\n";
        }
        StringBuilder out = new StringBuilder();
        out.append("Realized savings of earlier changes (measured at this week's traffic): ")
                .append(Money.usd(report.realizedMonthlyUsd())).append("/month\n");
        for (ChangeSetSavings set : report.changeSets()) {
            out.append(String.format(Locale.ROOT, "  run %s, applied %s, %d changes: estimated %s/month, realized %s/month (confidence %s)%n",
                    set.runId(), set.appliedOn(), set.changes(), Money.usd(set.estimatedMonthlyUsd()),
                    Money.usd(set.realizedMonthlyUsd()), set.confidence()));
            for (String note : set.confidenceNotes()) {
                out.append("    - ").append(note).append('\n');
            }
            Map<SavingsStatus, Long> zero = set.functions().stream().filter(f -> f.status() != SavingsStatus.MEASURED)
                    .collect(Collectors.groupingBy(FunctionSavings::status, () -> new EnumMap<>(SavingsStatus.class), Collectors.counting()));
            if (!zero.isEmpty()) {
                out.append("    counted zero: ").append(zero.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                        .collect(Collectors.joining(", "))).append('\n');
            }
        }
        out.append(String.format(Locale.ROOT, "Cost history: %s; %d paid Cost Explorer request%s this run (%s)%s%n",
                report.costExplorer().level(), report.costExplorer().calls(), report.costExplorer().calls() == 1 ? "" : "s",
                Money.usd(report.costExplorer().costUsd()),
                report.costExplorer().unavailable() == null ? "" : "; " + report.costExplorer().unavailable()));
        return out.toString();
    }
}
