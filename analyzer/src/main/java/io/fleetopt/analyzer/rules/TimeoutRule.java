package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Brings a generous timeout down to the observed max duration times the safety factor (at least 3 s,
 * at most 900 s, never below max x 1.5), so a hung invocation stops early instead of billing for minutes.
 */
public final class TimeoutRule implements Rule {

    public static final int MIN_TIMEOUT_SECONDS = 3;
    public static final int MAX_TIMEOUT_SECONDS = 900;
    public static final double ABSOLUTE_MIN_FACTOR = 1.5;
    /** A timeout within this factor of the proposal is left alone: not worth a change. */
    public static final double CHANGE_THRESHOLD = 1.5;

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.TIMEOUT;
    }

    @Override
    public List<String> iamActions() {
        return List.of("lambda:GetFunctionConfiguration", "lambda:UpdateFunctionConfiguration");
    }

    @Override
    public Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context) {
        FunctionMetrics metrics = function.metrics();
        if (metrics.durationMaxMs() == null) {
            return Optional.empty();
        }
        int current = function.config().timeoutSeconds();
        int proposed = proposedTimeout(metrics.durationMaxMs(), context.policy().timeoutSafetyFactor());
        if (current <= proposed * CHANGE_THRESHOLD) {
            return Optional.empty();
        }
        String rationale = String.format(Locale.ROOT,
                "the longest of %s invocations in %d days took %s: a %d s timeout is %.0fx that and stops a hung invocation %d s sooner than %d s.",
                Numbers.count(metrics.invocations()), metrics.daysWithData(), Numbers.ms(metrics.durationMaxMs()), proposed,
                proposed * 1000.0 / metrics.durationMaxMs(), current - proposed, current);
        Risk risk = metrics.daysWithData() >= 14 ? Risk.LOW : Risk.MEDIUM;
        return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(current),
                Integer.toString(proposed), risk, Action.APPLY, rationale, BigDecimal.ZERO,
                List.of("no saving is counted: a timeout only costs when an invocation hangs")));
    }

    /** Max duration times the factor, rounded up to whole seconds, within [3 s, 900 s] and never below max x 1.5. */
    public static int proposedTimeout(double maxDurationMs, double safetyFactor) {
        int proposed = (int) Math.ceil(maxDurationMs * safetyFactor / 1000.0);
        int floor = (int) Math.ceil(maxDurationMs * ABSOLUTE_MIN_FACTOR / 1000.0);
        return Math.min(MAX_TIMEOUT_SECONDS, Math.max(Math.max(proposed, floor), MIN_TIMEOUT_SECONDS));
    }
}
