package io.fleetopt.cli;

import io.fleetopt.core.model.FunctionVerdict;
import io.fleetopt.core.model.OptimizerCost;
import io.fleetopt.notifier.OptimizerCostText;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Verdict;

import java.util.List;
import java.util.Locale;

/**
 * The part of a printed plan that accounts for every function (items, left alone, nothing to change, and whose
 * evidence was unavailable) and says what the run itself cost. Long lists are cut at {@link #LISTED}; the JSON plan
 * ({@code --output json}) has every function's verdict.
 */
final class PlanAccountingText {

    static final int LISTED = 20;
    /** How the analyzer words the verdict of a function with items from the configuration rules alone. */
    static final String CONFIGURATION_ONLY = "only configuration checked";

    private PlanAccountingText() {
    }

    static String text(Plan plan) {
        StringBuilder out = new StringBuilder("\n");
        out.append(summary(plan)).append('\n');
        list(out, "NOTHING TO CHANGE", plan.verdicts().stream().filter(v -> v.verdict() == Verdict.NOTHING_TO_CHANGE).toList());
        list(out, "EVIDENCE UNAVAILABLE (metrics could not be read; nothing reduced)",
                plan.verdicts().stream().filter(v -> v.evidenceUnavailable() != null).toList());
        list(out, "MEMORY NOT ASSESSED (beside their items)", plan.verdicts().stream()
                .filter(v -> v.verdict() == Verdict.ITEMS && v.detail().startsWith("memory not assessed")).toList());
        if (plan.optimizerCost() != null) {
            out.append('\n').append(cost(plan.optimizerCost())).append('\n');
        }
        return out.toString();
    }

    /** One line: the fleet's functions by verdict, adding up to the whole. */
    static String summary(Plan plan) {
        long configurationOnly = plan.verdicts().stream()
                .filter(v -> v.verdict() == Verdict.ITEMS && v.detail().startsWith(CONFIGURATION_ONLY)).count();
        return String.format(Locale.ROOT, "Accounted for %,d functions: %,d with items%s, %,d left alone, %,d with nothing to change"
                        + "; evidence unavailable for %,d.",
                plan.verdicts().size(), plan.count(Verdict.ITEMS),
                configurationOnly == 0 ? "" : String.format(Locale.ROOT, " (%,d of them on their configuration only, listed"
                        + " as left alone for the rest)", configurationOnly),
                plan.count(Verdict.LEFT_ALONE), plan.count(Verdict.NOTHING_TO_CHANGE), plan.evidenceUnavailable());
    }

    /** One line: what the weekly run costs in the account, in total, per 1,000 functions and by part. */
    static String cost(OptimizerCost cost) {
        return OptimizerCostText.line(cost);
    }

    private static void list(StringBuilder out, String title, List<FunctionVerdict> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append('\n');
        for (FunctionVerdict verdict : verdicts.subList(0, Math.min(LISTED, verdicts.size()))) {
            out.append(String.format(Locale.ROOT, "  %-26s %s%n", verdict.functionName(),
                    verdict.evidenceUnavailable() != null && title.startsWith("EVIDENCE") ? verdict.evidenceUnavailable() : verdict.detail()));
        }
        if (verdicts.size() > LISTED) {
            out.append(String.format(Locale.ROOT, "  ... and %,d more (--output json lists every function's verdict)%n",
                    verdicts.size() - LISTED));
        }
    }
}
