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

    /**
     * A change set's realized saving; "not measured" for a set of which nothing could be measured because its member
     * accounts could not be read (its $0 is no measurement).
     */
    static String realized(ChangeSetSavings set) {
        boolean memberOnly = !set.functions().isEmpty() && set.functions().stream().allMatch(ReportFigures::inMemberAccount);
        return memberOnly ? io.fleetopt.notifier.SavingsVerifier.MEMBER_ACCOUNT_NOT_READ : perMonth(set.realizedMonthlyUsd());
    }

    /** A function's realized saving; "not measured" for a change in a member account that could not be read, whose $0 is no measurement. */
    static String realized(FunctionSavings f) {
        return inMemberAccount(f) ? "not measured" : perMonth(f.realizedMonthlyUsd());
    }

    private static boolean inMemberAccount(FunctionSavings f) {
        return f.status() == io.fleetopt.core.model.SavingsStatus.NOT_MEASURED
                && f.note().startsWith(io.fleetopt.notifier.SavingsVerifier.MEMBER_ACCOUNT_NOT_READ);
    }

    static String crossCheck(ChangeSetSavings set) {
        return set.costExplorerMonthlyUsd() == null ? "not cross-checked" : perMonth(set.costExplorerMonthlyUsd());
    }

    static String method(ChangeSetSavings set) {
        return "Each memory change is measured on the function's own metrics: this week's invocations ("
                + set.after().display() + ") priced as the function ran in the week before its change (" + set.before().display()
                + ": average duration, memory then) and as it runs now, in GB-seconds at its architecture's price plus requests.";
    }

    /** A member run's figures in words: what was planned, what was done ("proposed only" when nothing was applied). */
    static String memberRun(AccountSections sections) {
        AccountSections.Figures t = sections.totals();
        int regions = (int) sections.accounts().stream().flatMap(a -> a.regions().stream()).filter(AccountSections.Region::inIndex).count();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "This run planned %,d change%s and %,d finding%s for owners over "
                        + "%,d functions in %d account-region pair%s, est. %s; ",
                t.changesPlanned(), t.changesPlanned() == 1 ? "" : "s", t.items() - t.changesPlanned(),
                t.items() - t.changesPlanned() == 1 ? "" : "s", t.functions(), regions, regions == 1 ? "" : "s", perMonth(t.plannedMonthlyUsd())));
        if (t.changesApplied() == 0) {
            out.append("none of them was applied: proposed only.");
        } else {
            out.append(String.format(Locale.ROOT, "%,d change%s applied (est. %s)%s.", t.changesApplied(), t.changesApplied() == 1 ? " was" : "s were",
                    perMonth(t.appliedMonthlyUsd()), t.changesRolledBack() == 0 ? "" : String.format(Locale.ROOT, ", %,d of them rolled back since",
                            t.changesRolledBack())));
        }
        if (!sections.notCollected().isEmpty()) {
            out.append(String.format(Locale.ROOT, " %,d account-region pair%s not collected: nothing of %s is in these figures.",
                    sections.notCollected().size(), sections.notCollected().size() == 1 ? " was" : "s were",
                    sections.notCollected().size() == 1 ? "it" : "them"));
        }
        return out.toString();
    }

    /** Earlier changes checked this week in an (account, region): measured with their saving, and how many not. */
    static String realized(AccountSections.Figures f) {
        if (f.checkedMeasured() == 0 && f.checkedNotMeasured() == 0) {
            return "-";
        }
        String measured = f.realizedMonthlyUsd() == null ? "none measured" : perMonth(f.realizedMonthlyUsd()) + " (" + f.checkedMeasured() + " measured)";
        return f.checkedNotMeasured() == 0 ? measured : measured + ", " + f.checkedNotMeasured() + " not measured";
    }

    static String applied(AccountSections.Figures f) {
        if (f.changesApplied() == 0) {
            return "none (proposed only)";
        }
        return f.changesApplied() + ", " + perMonth(f.appliedMonthlyUsd()) + (f.changesRolledBack() == 0 ? "" : ", " + f.changesRolledBack() + " rolled back");
    }

    /** The modelled cost of a run of this size (not measured). */
    static String modelledRunCost(AccountSections sections) {
        io.fleetopt.core.model.RunCostAtScale c = sections.modelledRunCost();
        return String.format(Locale.ROOT, "A weekly run over %,d functions costs fleetopt about %s, modelled, not measured (OptimizerPricing: "
                        + "a first run with %,d changes applied in Express children, %,d Lambda GB-seconds of its stages, %,d AWS API calls, "
                        + "at list prices); the collection's reads in the member accounts are not in the measured own cost above.",
                c.functions(), usd(c.totalUsd()), c.itemsApplied(), c.lambdaGbSeconds(), c.apiCalls());
    }
}
