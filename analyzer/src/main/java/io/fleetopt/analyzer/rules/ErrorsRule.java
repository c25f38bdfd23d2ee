package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.DailyMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Days on which more than 10 % of invocations failed, or an invocation ran into the timeout: a finding for the
 * owner (REPORT_ONLY), HIGH when it happened on at least half of the days.
 */
public final class ErrorsRule implements Rule {

    public static final double ERROR_DAY_RATIO = 0.10;
    /** A day whose longest invocation reached this share of the timeout is counted as a day with timeouts. */
    public static final double TIMEOUT_RATIO = 0.99;

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.ERRORS;
    }

    @Override
    public boolean canApply() {
        return false;
    }

    @Override
    public List<String> iamActions() {
        return List.of();
    }

    @Override
    public Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context) {
        List<DailyMetrics> daily = function.metrics().daily();
        double timeoutMs = function.config().timeoutSeconds() * 1000.0;
        int errorDays = 0;
        int timeoutDays = 0;
        int badDays = 0;
        for (DailyMetrics day : daily) {
            boolean manyErrors = day.invocations() > 0 && day.errors() > ERROR_DAY_RATIO * day.invocations();
            boolean timedOut = day.durationMaxMs() != null && day.durationMaxMs() >= TIMEOUT_RATIO * timeoutMs;
            errorDays += manyErrors ? 1 : 0;
            timeoutDays += timedOut ? 1 : 0;
            badDays += manyErrors || timedOut ? 1 : 0;
        }
        if (badDays == 0) {
            return Optional.empty();
        }
        Risk risk = badDays * 2 >= daily.size() ? Risk.HIGH : Risk.MEDIUM;
        String rationale = String.format(Locale.ROOT,
                "%s had %d of %d days with more than 10 %% errors and %d days with invocations reaching its %d s timeout (%s errors in %s invocations): its owner should look at why.",
                function.name(), errorDays, daily.size(), timeoutDays, function.config().timeoutSeconds(),
                Numbers.count(function.metrics().errors()), Numbers.count(function.metrics().invocations()));
        return Optional.of(RecommendationFactory.recommend(function, kind(), badDays + " bad days", "investigate", risk,
                Action.REPORT_ONLY, rationale, BigDecimal.ZERO,
                List.of("daily Errors and Invocations; a day counts as timing out when its max duration reached "
                        + Math.round(TIMEOUT_RATIO * 100) + " % of the timeout")));
    }
}
