package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionConfig;
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
 * An x86_64 function on a runtime that also runs on arm64 (Graviton), with its saving at the arm64 price when
 * the saving is worth a change (the policy's minimum). REPORT_ONLY: native dependencies and layers must be
 * rebuilt and the function tested by its owner.
 */
public final class ArchitectureRule implements Rule {

    private static final List<String> PORTABLE_PREFIXES = List.of("nodejs", "python", "java", "dotnet", "ruby", "provided.al2");

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.ARCHITECTURE;
    }

    @Override
    public boolean needsMetricEvidence() {
        return false;
    }

    @Override
    public boolean canApply() {
        return false;
    }

    @Override
    public List<String> iamActions() {
        return List.of("lambda:UpdateFunctionCode");
    }

    @Override
    public Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context) {
        FunctionConfig config = function.config();
        FunctionMetrics metrics = function.metrics();
        if (!"x86_64".equals(config.architecture()) || metrics.durationAvgMs() == null || metrics.daysWithData() == 0
                || !portable(config.runtime())) {
            return Optional.empty();
        }
        Pricing pricing = context.pricing();
        int memoryMb = context.memoryAfterPlanMb(function);
        BigDecimal saving = Pricing.monthly(
                pricing.computeUsd(metrics.invocations(), metrics.billedMsPerInvocation(), memoryMb, "x86_64")
                        .subtract(pricing.computeUsd(metrics.invocations(), metrics.billedMsPerInvocation(), memoryMb, "arm64")),
                metrics.daysWithData());
        if (saving.compareTo(context.policy().minMonthlySavingUsd()) < 0) {
            return Optional.empty();
        }
        String rationale = String.format(Locale.ROOT,
                "%s on %s runs on x86_64: at %s%s the same work on arm64 would cost %s/month less at %s invocations and %s average, once its dependencies are rebuilt and tested.",
                function.name(), config.runtime(), Numbers.mb(memoryMb), memoryMb == config.memoryMb() ? "" : " (the memory this plan proposes)",
                Numbers.usd(Pricing.cents(saving)),
                Numbers.count(RecommendationFactory.monthlyInvocations(metrics.invocations(), metrics.daysWithData())),
                Numbers.ms(metrics.durationAvgMs()));
        return Optional.of(RecommendationFactory.recommend(function, kind(), "x86_64", "arm64", Risk.MEDIUM,
                Action.REPORT_ONLY, rationale, saving,
                List.of("same duration on arm64 (often shorter; measure it)", metrics.billingAssumption(),
                        memoryMb == config.memoryMb() ? "at the current memory" : "at " + memoryMb + " MB, after this plan's memory change",
                        RecommendationFactory.trafficAssumption(metrics.daysWithData()))));
    }

    private static boolean portable(String runtime) {
        return runtime != null && PORTABLE_PREFIXES.stream().anyMatch(runtime::startsWith);
    }
}
