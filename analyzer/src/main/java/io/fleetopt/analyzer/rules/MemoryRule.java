package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cuts memory to the observed maximum plus headroom, rounded up to 64 MB and never below 128 MB. No memory
 * source, no cut. A CPU-bound function keeps the memory that gives it the CPU it uses (1,769 MB = 1 vCPU).
 */
public final class MemoryRule implements Rule {

    public static final int MIN_MEMORY_MB = 128;
    public static final int STEP_MB = 64;
    public static final int ONE_VCPU_MB = 1769;
    public static final double CPU_BOUND_RATIO = 0.8;

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.MEMORY;
    }

    @Override
    public List<String> iamActions() {
        return List.of("lambda:GetFunctionConfiguration", "lambda:UpdateFunctionConfiguration");
    }

    @Override
    public Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context) {
        FunctionMetrics metrics = function.metrics();
        FunctionConfig config = function.config();
        if (metrics.memorySource() == MemorySource.NONE || metrics.maxMemoryUsedMb() == null || metrics.durationAvgMs() == null) {
            return Optional.empty();
        }
        int maxUsedMb = metrics.maxMemoryUsedMb();
        int target = floorFor(maxUsedMb, context.policy().headroomPercent());
        boolean cpuBound = metrics.cpuTimeRatio() != null && metrics.cpuTimeRatio() >= CPU_BOUND_RATIO;
        if (cpuBound) {
            target = Math.max(target, Math.min(config.memoryMb(), ONE_VCPU_MB));
        }
        if (target >= config.memoryMb()) {
            return Optional.empty();
        }
        double monthlyInvocations = metrics.invocations() * (double) Pricing.DAYS_PER_MONTH / metrics.daysWithData();
        BigDecimal before = context.pricing().computeUsd(metrics.invocations(), metrics.durationAvgMs(), config.memoryMb(), config.architecture());
        BigDecimal after = context.pricing().computeUsd(metrics.invocations(), metrics.durationAvgMs(), target, config.architecture());
        BigDecimal saving = Pricing.monthly(before.subtract(after), metrics.daysWithData());

        int usedPercent = (int) Math.round(100.0 * maxUsedMb / config.memoryMb());
        int headroomKept = (int) Math.round(100.0 * (target - maxUsedMb) / maxUsedMb);
        String rationale = String.format(Locale.ROOT,
                "max memory used %s over %d days (%d %% of %s): %s keeps %d %% headroom and saves %s/month at %s invocations a month and %s average%s.",
                Numbers.mb(maxUsedMb), metrics.daysWithData(), usedPercent, Numbers.mb(config.memoryMb()), Numbers.mb(target),
                headroomKept, Numbers.usd(Pricing.cents(saving)), Numbers.count(monthlyInvocations),
                Numbers.ms(metrics.durationAvgMs()), cpuBound ? " (CPU-bound: kept at one full vCPU)" : "");
        List<String> assumptions = new ArrayList<>();
        assumptions.add("memory source: " + metrics.memorySource());
        assumptions.add(cpuBound ? "CPU-bound: not cut below " + ONE_VCPU_MB + " MB, so the CPU share it uses stays"
                : "duration unchanged at less memory (the function is not CPU-bound)");
        assumptions.add("traffic of the last " + metrics.daysWithData() + " days, scaled to 30 days");
        Risk risk = metrics.memorySource() == MemorySource.LOG_SAMPLE || metrics.daysWithData() < 14 ? Risk.MEDIUM : Risk.LOW;
        return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(config.memoryMb()),
                Integer.toString(target), risk, Action.APPLY, rationale, saving, assumptions));
    }

    /** The least memory allowed: max used plus headroom, rounded up to 64 MB, at least 128 MB. */
    public static int floorFor(int maxUsedMb, int headroomPercent) {
        int withHeadroom = (int) Math.ceil(maxUsedMb * (1 + headroomPercent / 100.0));
        int rounded = (withHeadroom + STEP_MB - 1) / STEP_MB * STEP_MB;
        return Math.max(MIN_MEMORY_MB, rounded);
    }
}
