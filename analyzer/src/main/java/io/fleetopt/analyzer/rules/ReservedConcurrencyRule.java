package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.SettingValues;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A reservation sized to demand times the policy's factor: raised when the function is throttled under it,
 * lowered when it is far above the peak (which frees concurrency for the rest of the account). A raise never
 * takes the account's unreserved concurrency below its minimum (100): it is granted from the plan's budget.
 * APPLY or REPORT_ONLY as the policy says (default REPORT_ONLY).
 */
public final class ReservedConcurrencyRule implements Rule {

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.RESERVED_CONCURRENCY;
    }

    @Override
    public boolean canApply() {
        return true;
    }

    @Override
    public List<String> iamActions() {
        return io.fleetopt.core.change.SettingKinds.iamActionsOf(kind());
    }

    @Override
    public Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context) {
        FunctionConfig config = function.config();
        FunctionMetrics metrics = function.metrics();
        Integer reserved = config.reservedConcurrency();
        // a reservation of 0 switches a function off on purpose: never touched
        if (reserved == null || reserved == 0 || config.isUnknown("reservedConcurrency") || metrics.peakConcurrency() == null) {
            return Optional.empty();
        }
        Action action = context.policy().reservedConcurrencyApply() ? Action.APPLY : Action.REPORT_ONLY;
        double factor = context.policy().concurrencyFactor();
        if (metrics.throttles() > 0) {
            return raise(function, context, reserved, action, factor);
        }
        int cap = Math.max(1, (int) Math.ceil(metrics.peakConcurrency() * factor));
        if (reserved <= cap * 2) {
            return Optional.empty();
        }
        String rationale = String.format(Locale.ROOT,
                "peak concurrency was %d over %d days with no throttles against a reservation of %d: %d (%.1fx the peak) frees %d for the rest of the account.",
                metrics.peakConcurrency(), metrics.daysWithData(), reserved, cap, factor, reserved - cap);
        return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(reserved),
                Integer.toString(cap), Risk.MEDIUM, action, rationale, BigDecimal.ZERO,
                List.of("peak concurrency of the last " + metrics.daysWithData() + " days; a new spike above "
                        + cap + " would be throttled", "a reservation costs nothing: no saving is counted")));
    }

    private Optional<Recommendation> raise(FunctionProfile function, RuleContext context, int reserved, Action action,
                                           double factor) {
        FunctionMetrics metrics = function.metrics();
        double throttledShare = (double) metrics.throttles() / Math.max(1, metrics.invocations() + metrics.throttles());
        int demand = (int) Math.ceil(Math.max(metrics.peakConcurrency(), reserved) / (1 - throttledShare));
        int wanted = Math.max(reserved + 1, (int) Math.ceil(demand * factor));
        int granted = context.concurrency().take(wanted - reserved);
        int minUnreserved = context.policy().minUnreservedConcurrency();
        int unreserved = context.snapshot().accountConcurrency().unreservedConcurrentExecutions();
        if (granted == 0) {
            String rationale = String.format(Locale.ROOT,
                    "%s invocations were throttled in %d days under a reservation of %d, but the account has no concurrency to spare above its unreserved minimum of %d: ask for a higher account limit, then raise it to %d.",
                    Numbers.count(metrics.throttles()), metrics.daysWithData(), reserved, minUnreserved, wanted);
            return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(reserved),
                    Integer.toString(reserved), Risk.HIGH, Action.REPORT_ONLY, rationale, BigDecimal.ZERO,
                    List.of("account unreserved concurrency " + unreserved + ", minimum " + minUnreserved)));
        }
        int proposed = reserved + granted;
        String rationale = String.format(Locale.ROOT,
                "%s invocations (%s) were throttled in %d days under a reservation of %d: %d covers the demand of about %d with %.1fx room%s.",
                Numbers.count(metrics.throttles()), Numbers.percent(throttledShare), metrics.daysWithData(), reserved,
                proposed, demand, factor,
                proposed < wanted ? String.format(Locale.ROOT, " (%d wanted; capped to keep the account's unreserved concurrency at %d)",
                        wanted, minUnreserved) : "");
        return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(reserved),
                SettingValues.ofOptional(proposed), Risk.MEDIUM, action, rationale, BigDecimal.ZERO,
                List.of("demand estimated as the reservation scaled by the throttled share",
                        "account unreserved concurrency " + unreserved + " stays at or above " + minUnreserved
                                + " after this plan's raises",
                        "a reservation costs nothing: no saving is counted")));
    }
}
