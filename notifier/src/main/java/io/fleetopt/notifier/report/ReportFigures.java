package io.fleetopt.notifier.report;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.FunctionSavings;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.notifier.Money;

import java.math.BigDecimal;
import java.util.Locale;

/** How the report's figures read, the same in HTML and Markdown. */
final class ReportFigures {

    private ReportFigures() {
    }

    static String usd(BigDecimal amount) {
        return amount == null ? "-" : Money.usd(amount);
    }

    static String perMonth(BigDecimal amount) {
        return amount == null ? "-" : Money.usd(amount) + "/month";
    }

    static String change(FunctionSavings f) {
        return SettingValues.display(f.kind(), f.before()) + " -> " + SettingValues.display(f.kind(), f.after());
    }

    /** Configured memory before and after, and the most the function used. */
    static String memory(FunctionSavings f) {
        if (f.kind() != RecommendationKind.MEMORY) {
            return "-";
        }
        return f.before() + " -> " + f.after() + " MB" + (f.maxMemoryUsedMb() == null ? ", used unknown" : ", used " + f.maxMemoryUsedMb() + " MB");
    }

    static String durations(FunctionUsage usage) {
        if (usage == null || !usage.ran()) {
            return "-";
        }
        return ms(usage.durationP50Ms()) + " / " + ms(usage.durationP99Ms());
    }

    private static String ms(Double value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%,.0f ms", value);
    }

    static String invocationsPerDay(FunctionUsage usage) {
        if (usage == null || usage.days().days() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,d", usage.invocations() / usage.days().days());
    }

    static String crossCheck(ChangeSetSavings set) {
        return set.costExplorerMonthlyUsd() == null ? "not cross-checked" : perMonth(set.costExplorerMonthlyUsd());
    }

    static String method(ChangeSetSavings set) {
        return "Each memory change is measured on the function's own metrics: this week's invocations ("
                + set.after().display() + ") priced as the function ran in the week before its change (" + set.before().display()
                + ": average duration, memory then) and as it runs now, in GB-seconds at its architecture's price plus requests.";
    }
}
