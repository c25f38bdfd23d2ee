package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Timeout from the observed max duration times the safety factor (at least 3 s, at most 900 s, never below
 * max x 1.5). Down when the current timeout is far above that, so a hung invocation stops early instead of
 * billing for minutes; up when the longest invocation came within 10 % of the timeout.
 */
public final class TimeoutRule implements Rule {

    public static final int MIN_TIMEOUT_SECONDS = 3;
    public static final int MAX_TIMEOUT_SECONDS = 900;
    public static final double ABSOLUTE_MIN_FACTOR = 1.5;
    /** A timeout within this factor of the proposal is left alone: not worth a change. */
    public static final double CHANGE_THRESHOLD = 1.5;
    public static final double NEAR_TIMEOUT_RATIO = 0.9;

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.TIMEOUT;
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
        FunctionMetrics metrics = function.metrics();
        if (metrics.durationMaxMs() == null) {
            return Optional.empty();
        }
        int current = function.config().timeoutSeconds();
        double maxMs = metrics.durationMaxMs();
        if (maxMs >= NEAR_TIMEOUT_RATIO * current * 1000) {
            return increase(function, current, proposedTimeout(maxMs, context.policy().timeoutSafetyFactor()));
        }
        if (changedTooRecently(function, context)) {
            return Optional.empty();
        }
        // a memory cut in the same plan may slow the function down: the timeout allows for that
        double slowdown = memoryCutSlowdown(function, context);
        int proposed = proposedTimeout(maxMs * slowdown, context.policy().timeoutSafetyFactor());
        if (current <= proposed * CHANGE_THRESHOLD) {
            return Optional.empty();
        }
        String rationale = String.format(Locale.ROOT,
                "the longest of %s invocations in %d days took %s%s: a %d s timeout is %.1fx that and stops a hung invocation %d s sooner than %d s.",
                Numbers.count(metrics.invocations()), metrics.daysWithData(), Numbers.ms(maxMs),
                slowdown > 1 ? String.format(Locale.ROOT, ", up to %s with the proposed memory", Numbers.ms(maxMs * slowdown)) : "",
                proposed, proposed * 1000.0 / (maxMs * slowdown), current - proposed, current);
        Risk risk = metrics.daysWithData() >= 14 ? Risk.LOW : Risk.MEDIUM;
        List<String> assumptions = new ArrayList<>(List.of("no saving is counted: a timeout only costs when an invocation hangs",
                "max duration of the last " + metrics.daysWithData() + " days"));
        if (slowdown > 1) {
            assumptions.add(String.format(Locale.ROOT, "the proposed memory cut may make invocations up to %.1fx longer (%s)", slowdown,
                    MemoryResponse.of(function, context).basis()));
        }
        return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(current),
                Integer.toString(proposed), risk, Action.APPLY, rationale, BigDecimal.ZERO, assumptions));
    }

    /**
     * No cut on durations measured partly before the function's last change: it waits until it has run as it is
     * now for the minimum days of evidence.
     */
    private static boolean changedTooRecently(FunctionProfile function, RuleContext context) {
        return ConfigurationAge.daysSinceLastChange(function, context.snapshot().collectedAt())
                .map(days -> days < context.policy().minDays()).orElse(false);
    }

    /**
     * How much longer the longest invocation may take with this plan's memory item: predicted from the measured
     * response or the CPU time, else the worst case of a function whose whole duration is CPU.
     */
    private static double memoryCutSlowdown(FunctionProfile function, RuleContext context) {
        MemoryResponse response = MemoryResponse.of(function, context);
        return context.earlierItems().stream()
                .filter(item -> item.kind() == RecommendationKind.MEMORY)
                .mapToDouble(item -> Math.max(1.0, response.slowdown(Integer.parseInt(item.proposedValue()))))
                .max().orElse(1.0);
    }

    private Optional<Recommendation> increase(FunctionProfile function, int current, int proposed) {
        FunctionMetrics metrics = function.metrics();
        double maxMs = metrics.durationMaxMs();
        if (current >= MAX_TIMEOUT_SECONDS) {
            String rationale = String.format(Locale.ROOT,
                    "the longest invocation in %d days took %s, at Lambda's 900 s cap: the work has to be split or moved, a longer timeout is not possible.",
                    metrics.daysWithData(), Numbers.ms(maxMs));
            return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(current),
                    Integer.toString(current), Risk.HIGH, Action.REPORT_ONLY, rationale, BigDecimal.ZERO,
                    List.of("max duration of the last " + metrics.daysWithData() + " days")));
        }
        int raised = Math.max(proposed, current + 1);
        raised = Math.min(MAX_TIMEOUT_SECONDS, raised);
        String rationale = String.format(Locale.ROOT,
                "the longest invocation in %d days took %s, %s of the %d s timeout, so some are likely timing out: %d s gives them room.",
                metrics.daysWithData(), Numbers.ms(maxMs), Numbers.percent(maxMs / (current * 1000.0)), current, raised);
        return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(current),
                Integer.toString(raised), Risk.LOW, Action.APPLY, rationale, BigDecimal.ZERO,
                List.of("no cost is counted: a longer timeout only bills when an invocation runs that long",
                        "the true duration of timed-out invocations is unknown; " + raised + " s may still be short"),
                List.of("if an SQS queue triggers it, the queue's visibility timeout should be at least 6 times "
                        + raised + " s, or messages are delivered twice")));
    }

    /** Max duration times the factor, rounded up to whole seconds, within [3 s, 900 s] and never below max x 1.5. */
    public static int proposedTimeout(double maxDurationMs, double safetyFactor) {
        int proposed = (int) Math.ceil(maxDurationMs * safetyFactor / 1000.0);
        int floor = (int) Math.ceil(maxDurationMs * ABSOLUTE_MIN_FACTOR / 1000.0);
        return Math.min(MAX_TIMEOUT_SECONDS, Math.max(Math.max(proposed, floor), MIN_TIMEOUT_SECONDS));
    }
}
