package io.fleetopt.notifier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageKind;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The approval request email: a subject with the account, the number of changes and the saving; the totals and
 * the biggest items first, then one short line per function, then how to decide (the review link). It never holds
 * a task token, and stays far below SNS's 256 KiB on a fleet of thousands: past {@link #FUNCTION_LINES_BYTES} the
 * function lines stop and say how many more the review page shows.
 */
public final class ApprovalEmail {

    static final int BIGGEST_ITEMS = 5;
    static final int FUNCTION_LINES_BYTES = 64 * 1024;

    private ApprovalEmail() {
    }

    /**
     * {@code autoApproved}: the items AutoApply's decision approved by policy (not asked again); {@code autoApplied}:
     * what their apply steps did (null when the policy approved nothing); {@code howToDecide} ends the email.
     */
    public static Message message(Plan plan, String account, Set<String> autoApproved, ApplyResult autoApplied,
                                  String howToDecide) {
        List<Recommendation> awaiting = plan.applicableItems().stream().filter(i -> !autoApproved.contains(i.id())).toList();
        BigDecimal saving = awaiting.stream().map(Recommendation::monthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, List<Recommendation>> byFunction = new LinkedHashMap<>();
        for (Recommendation item : awaiting) {
            byFunction.computeIfAbsent(item.functionName(), f -> new java.util.ArrayList<>()).add(item);
        }
        String subject = String.format(Locale.ROOT, "fleetopt: %d changes for %s would save %s/month - approval needed (run %s)",
                awaiting.size(), account, Money.usd(saving), plan.runId());

        StringBuilder body = new StringBuilder();
        body.append(String.format(Locale.ROOT, "fleetopt proposes %d changes to %d Lambda functions of account %s, saving an "
                + "estimated %s/month.%nNothing changes until you approve.%n", awaiting.size(), byFunction.size(), account,
                Money.usd(saving)));
        if (!autoApproved.isEmpty()) {
            long made = autoApplied == null ? 0 : autoApplied.count(ApplyStatus.APPLIED) + autoApplied.count(ApplyStatus.ALREADY_APPLIED);
            long notMade = autoApproved.size() - made;
            body.append(made == 1 ? "1 change was already applied, as the account's policy auto-approves it.\n"
                    : String.format(Locale.ROOT, "%d changes were already applied, as the account's policy auto-approves them.%n",
                    made));
            if (notMade > 0) {
                body.append(String.format(Locale.ROOT, "%d more that the policy auto-approves %s not made (skipped or failed); "
                        + "they are not asked again.%n", notMade, notMade == 1 ? "was" : "were"));
            }
        }
        body.append(String.format(Locale.ROOT, "Also in the plan: %d findings for owners (report only), %d functions left alone.%n",
                plan.totals().reportOnlyItems(), plan.skipped().size()));

        List<Recommendation> biggest = awaiting.stream()
                .sorted(Comparator.comparing(Recommendation::monthlySavingUsd).reversed()).limit(BIGGEST_ITEMS).toList();
        if (!biggest.isEmpty()) {
            body.append("\nBiggest savings:\n");
            for (Recommendation item : biggest) {
                body.append(String.format(Locale.ROOT, "  %12s/mo  %s: %s %s -> %s (%s risk)%n", Money.usd(item.monthlySavingUsd()),
                        item.functionName(), item.kind().label(), SettingValues.display(item.kind(), item.currentValue()),
                        SettingValues.display(item.kind(), item.proposedValue()), item.risk()));
            }
        }

        body.append("\nBy function:\n");
        int bytes = 0;
        int listed = 0;
        for (Map.Entry<String, List<Recommendation>> function : byFunction.entrySet()) {
            BigDecimal functionSaving = function.getValue().stream().map(Recommendation::monthlySavingUsd)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            String line = String.format(Locale.ROOT, "  %s: %s, %s/mo%n", function.getKey(), kinds(function.getValue()),
                    Money.usd(functionSaving));
            bytes += line.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > FUNCTION_LINES_BYTES) {
                break;
            }
            body.append(line);
            listed++;
        }
        if (listed < byFunction.size()) {
            body.append(String.format(Locale.ROOT, "  ... and %d more functions: the review page shows them all.%n",
                    byFunction.size() - listed));
        }
        body.append('\n').append(howToDecide).append('\n');
        return new Message(MessageKind.APPROVAL_REQUEST, plan.runId(), subject, body.toString());
    }

    /** "2 changes (memory, timeout)": the line stays short however many changes a function has. */
    private static String kinds(List<Recommendation> items) {
        return items.size() + (items.size() == 1 ? " change (" : " changes (")
                + String.join(", ", items.stream().map(i -> i.kind().label()).toList()) + ")";
    }
}
