package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Active X-Ray tracing for production functions, so a failure can be followed across services. The traces'
 * cost shows as a negative saving, estimated with X-Ray's default sampling (1 request a second, then 5 %).
 */
public final class TracingRule implements Rule {

    public static final String ACTIVE = "Active";
    static final long RESERVOIR_PER_MONTH = Pricing.DAYS_PER_MONTH * 24L * 3600;
    static final double SAMPLED_SHARE = 0.05;

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.TRACING;
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
        if (!context.function().production() || ACTIVE.equals(function.config().tracingMode())
                || function.config().isUnknown("tracingMode")) {
            return Optional.empty();
        }
        FunctionMetrics metrics = function.metrics();
        double monthly = RecommendationFactory.monthlyInvocations(metrics.invocations(), metrics.daysWithData());
        long traces = tracesPerMonth(monthly);
        BigDecimal cost = context.pricing().xrayUsd(traces);
        String rationale = String.format(Locale.ROOT,
                "%s is a production function (tag %s=%s) without active tracing: tracing about %s of its %s invocations a month costs %s/month and shows where a failing request broke.",
                function.name(), context.policy().environmentTag(), context.function().environment(), Numbers.count(traces),
                Numbers.count(monthly), Numbers.usd(Pricing.cents(cost)));
        return Optional.of(RecommendationFactory.recommend(function, kind(), function.config().tracingMode(), ACTIVE,
                Risk.LOW, Action.APPLY, rationale, cost.negate(),
                List.of("X-Ray default sampling: the first request each second, then 5 %, with traffic spread evenly",
                        "price " + context.pricing().prices().xrayPerMillionTracesUsd() + " USD per million traces recorded; free tier not counted",
                        RecommendationFactory.trafficAssumption(metrics.daysWithData())),
                List.of("the execution role needs xray:PutTraceSegments and xray:PutTelemetryRecords for traces to arrive; "
                        + "without them the function still runs, untraced")));
    }

    static long tracesPerMonth(double monthlyInvocations) {
        double reservoir = Math.min(monthlyInvocations, RESERVOIR_PER_MONTH);
        return (long) Math.ceil(reservoir + SAMPLED_SHARE * Math.max(0, monthlyInvocations - RESERVOIR_PER_MONTH));
    }
}
