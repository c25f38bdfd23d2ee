package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Provisioned concurrency whose peak utilization stays low is lowered to the peak plus headroom, or removed
 * when it was never used; the saving is the provisioned GB-seconds no longer kept warm. REPORT_ONLY: it is set
 * on an alias or version, usually in the deployment, and fewer warm instances mean more cold starts.
 */
public final class ProvisionedConcurrencyRule implements Rule {

    public static final double LOW_UTILIZATION = 0.5;

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.PROVISIONED_CONCURRENCY;
    }

    @Override
    public boolean canApply() {
        return false;
    }

    @Override
    public List<String> iamActions() {
        return List.of("lambda:GetProvisionedConcurrencyConfig", "lambda:PutProvisionedConcurrencyConfig",
                "lambda:DeleteProvisionedConcurrencyConfig");
    }

    @Override
    public Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context) {
        FunctionConfig config = function.config();
        FunctionMetrics metrics = function.metrics();
        Integer provisioned = config.provisionedConcurrency();
        Double utilization = metrics.provisionedUtilizationMax();
        if (provisioned == null || provisioned == 0 || utilization == null || utilization >= LOW_UTILIZATION) {
            return Optional.empty();
        }
        double headroom = 1 + context.function().headroomPercent() / 100.0;
        int proposed = utilization <= 0 ? 0 : (int) Math.ceil(provisioned * utilization * headroom);
        if (proposed >= provisioned) {
            return Optional.empty();
        }
        int memoryMb = context.memoryAfterPlanMb(function);
        BigDecimal saving = context.pricing().provisionedMonthlyUsd(provisioned - proposed, memoryMb);
        String rationale = String.format(Locale.ROOT,
                "provisioned concurrency of %d peaked at %s utilization over %d days: %s saves %s/month of warm capacity at %s.",
                provisioned, Numbers.percent(utilization), metrics.daysWithData(),
                proposed == 0 ? "removing it" : proposed + " (the peak plus " + context.function().headroomPercent() + " % headroom)",
                Numbers.usd(Pricing.cents(saving)), Numbers.mb(memoryMb));
        return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(provisioned),
                SettingValues.ofOptional(proposed == 0 ? null : proposed), Risk.MEDIUM, Action.REPORT_ONLY, rationale, saving,
                List.of("provisioned concurrency price " + context.pricing().prices().provisionedGbSecondUsd()
                                + " USD per GB-second, a full 30-day month",
                        "peak utilization of the last " + metrics.daysWithData() + " days stays within the remaining capacity",
                        "invocations beyond it start cold and are billed at the on-demand duration price")));
    }
}
