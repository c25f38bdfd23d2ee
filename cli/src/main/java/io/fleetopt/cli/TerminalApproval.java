package io.fleetopt.cli;

import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Locally, the approver is whoever answers the prompt at the terminal (or passed --yes). */
final class TerminalApproval {

    private TerminalApproval() {
    }

    static Decision decide(Plan plan, boolean yes, String approver, Terminal terminal, Clock clock) {
        List<Recommendation> applicable = plan.applicableItems();
        Set<String> approved = new LinkedHashSet<>();
        if (yes) {
            applicable.forEach(item -> approved.add(item.id()));
        } else {
            approved.addAll(ask(plan, applicable, terminal));
        }
        List<String> rejected = new ArrayList<>();
        for (Recommendation item : applicable) {
            if (!approved.contains(item.id())) {
                rejected.add(item.id());
            }
        }
        return Decision.of(plan, List.copyOf(approved), rejected, approver, clock.instant());
    }

    private static final int TRIES = 3;

    /** Asks until the answer makes sense, at most three times; no answer at all (end of input) stops. */
    private static List<String> ask(Plan plan, List<Recommendation> applicable, Terminal terminal) {
        for (int attempt = 1; ; attempt++) {
            String answer = terminal.ask(String.format(Locale.ROOT,
                    "%nApprove [a]ll %d changes, [n]one, or list their numbers or ids (e.g. 1,3): ", applicable.size()));
            if (answer == null) {
                throw new UsageException("no answer to the approval prompt (no input); nothing was applied. "
                        + "Add --yes to approve all changes, or later: fleetopt apply --demo --run " + plan.runId() + " --all");
            }
            try {
                return parse(answer.trim(), applicable);
            } catch (UsageException e) {
                if (attempt == TRIES) {
                    throw new UsageException(e.getMessage() + "; nothing was applied");
                }
                terminal.out.println(e.getMessage() + "; try again");
            }
        }
    }

    /** "a" / "all", "n" / "none" / "", or a list of 1-based numbers and ids of the plan's changes. */
    static List<String> parse(String answer, List<Recommendation> applicable) {
        String lower = answer.toLowerCase(Locale.ROOT);
        if (lower.equals("a") || lower.equals("all") || lower.equals("y") || lower.equals("yes")) {
            return applicable.stream().map(Recommendation::id).toList();
        }
        if (lower.isEmpty() || lower.equals("n") || lower.equals("none") || lower.equals("no")) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String token : answer.split("[,\\s]+")) {
            if (token.matches("\\d+")) {
                int n = Integer.parseInt(token);
                if (n < 1 || n > applicable.size()) {
                    throw new UsageException("there is no change number " + n + " (1 to " + applicable.size() + ")");
                }
                ids.add(applicable.get(n - 1).id());
            } else if (applicable.stream().anyMatch(i -> i.id().equals(token))) {
                ids.add(token);
            } else {
                throw new UsageException("'" + token + "' is not a change of this plan");
            }
        }
        return ids;
    }
}
