package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.FunctionPolicy;
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
 * Memory sized to the observed maximum plus headroom, rounded up to 64 MB, within 128..10,240 MB.
 * Down when there is room: never without a memory source, never below max used plus headroom or the
 * {@code fleetopt:min-memory} tag, and a CPU-bound function keeps the memory that gives it the CPU it uses
 * (1,769 MB = 1 vCPU). Memory from a sample of REPORT lines is a lower bound: its cut is only a finding, with the
 * margin of {@link SampleMargin}. How far a cut goes this week is {@link CutLimit}'s: the latency guard on the
 * duration predicted from a measured response or the CPU time ({@link MemoryResponse}), else a step of at most
 * half, each measured before the next ({@link MinimumSaving} reports a cut that saves too little). Up when max used reaches 90 % of the configured memory: a reliability item
 * whose cost shows as a negative saving; and up, with a saving, when a measured cut cost more than it saved
 * ({@link CheaperAtMoreMemory}).
 */
public final class MemoryRule implements Rule {

    public static final int MIN_MEMORY_MB = 128;
    public static final int MAX_MEMORY_MB = 10_240;
    public static final int STEP_MB = 64;
    public static final int ONE_VCPU_MB = io.fleetopt.core.pricing.LambdaCpu.ONE_VCPU_MB;
    public static final double MAX_VCPUS = io.fleetopt.core.pricing.LambdaCpu.MAX_VCPUS;
    public static final double CPU_BOUND_RATIO = 0.8;
    public static final double NEAR_LIMIT_RATIO = 0.9;

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.MEMORY;
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
        if (metrics.memorySource() == MemorySource.NONE || metrics.maxMemoryUsedMb() == null || metrics.durationAvgMs() == null) {
            return Optional.empty();
        }
        if (metrics.maxMemoryUsedMb() >= NEAR_LIMIT_RATIO * function.config().memoryMb()) {
            return increase(function, context);
        }
        // a cut measured to cost more than it saves goes back up, and is never followed by another cut
        Optional<Recommendation> cheaper = CheaperAtMoreMemory.of(function, context);
        return cheaper.isPresent() ? cheaper : decrease(function, context);
    }

    private Optional<Recommendation> increase(FunctionProfile function, RuleContext context) {
        FunctionMetrics metrics = function.metrics();
        FunctionConfig config = function.config();
        int maxUsedMb = metrics.maxMemoryUsedMb();
        int current = config.memoryMb();
        if (current >= MAX_MEMORY_MB) {
            return Optional.empty();
        }
        int target = Math.max(floorFor(maxUsedMb, context.function().headroomPercent()), current + STEP_MB);
        if (context.function().minMemoryMb() != null) {
            target = Math.max(target, context.function().minMemoryMb());
        }
        target = Math.min(MAX_MEMORY_MB, roundUp(target));
        double billedMs = metrics.billedMsPerInvocation();
        BigDecimal extra = Pricing.monthly(context.pricing().computeUsd(metrics.invocations(), billedMs, target, config.architecture())
                .subtract(context.pricing().computeUsd(metrics.invocations(), billedMs, current, config.architecture())),
                metrics.daysWithData());
        String rationale = String.format(Locale.ROOT,
                "max memory used %s over %d days is %s of the configured %s, close to failing out of memory: %s gives %s headroom for %s/month more at %s invocations and %s average.",
                Numbers.mb(maxUsedMb), metrics.daysWithData(), Numbers.percent((double) maxUsedMb / current), Numbers.mb(current),
                Numbers.mb(target), Numbers.percent((double) (target - maxUsedMb) / maxUsedMb), Numbers.usd(Pricing.cents(extra)),
                Numbers.count(RecommendationFactory.monthlyInvocations(metrics.invocations(), metrics.daysWithData())),
                Numbers.ms(metrics.durationAvgMs()));
        return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(current),
                Integer.toString(target), Risk.LOW, Action.APPLY, rationale, extra.negate(),
                List.of("memory source: " + metrics.memorySource().description(),
                        "duration unchanged at more memory (it may get shorter; the cost is an upper bound)",
                        metrics.billingAssumption(),
                        RecommendationFactory.trafficAssumption(metrics.daysWithData()))));
    }

    private Optional<Recommendation> decrease(FunctionProfile function, RuleContext context) {
        FunctionMetrics metrics = function.metrics();
        FunctionConfig config = function.config();
        FunctionPolicy own = context.function();
        int maxUsedMb = metrics.maxMemoryUsedMb();
        int current = config.memoryMb();
        boolean sampled = !metrics.memorySource().exact();
        int sampleMargin = sampled && metrics.memorySample() != null ? SampleMargin.marginPercent(metrics.memorySample())
                : sampled ? SampleMargin.MAX_MARGIN_PERCENT : 0;
        int target = floorFor(maxUsedMb, own.headroomPercent() + sampleMargin);
        if (own.minMemoryMb() != null) {
            target = Math.max(target, own.minMemoryMb());
        }
        boolean raisedByTag = own.minMemoryMb() != null && own.minMemoryMb() > floorFor(maxUsedMb, own.headroomPercent() + sampleMargin);
        boolean cpuBound = isCpuBound(metrics);
        if (cpuBound) {
            target = Math.max(target, Math.min(current, cpuFloorMb(metrics.cpuTimeRatio())));
        }
        if (target >= current) {
            return Optional.empty();
        }
        MemoryResponse response = MemoryResponse.of(function, context);
        CutLimit limit = CutLimit.of(response, function, context, target);
        if (limit.waiting() || limit.targetMb() >= current) {
            return Optional.empty();
        }
        target = limit.targetMb();
        double durationAfterMs = response.predicts() ? metrics.durationAvgMs() * response.slowdown(target) : metrics.durationAvgMs();
        // billed time stretches by the same factor as the duration when a CPU-bound function gets less CPU
        double billedBeforeMs = metrics.billedMsPerInvocation();
        double billedAfterMs = billedBeforeMs * (metrics.durationAvgMs() > 0 ? durationAfterMs / metrics.durationAvgMs() : 1.0);
        BigDecimal before = context.pricing().computeUsd(metrics.invocations(), billedBeforeMs, current, config.architecture());
        BigDecimal after = context.pricing().computeUsd(metrics.invocations(), billedAfterMs, target, config.architecture());
        BigDecimal saving = Pricing.monthly(before.subtract(after), metrics.daysWithData());
        // in cents: a cut that saves nothing once rounded (a fully CPU-bound stretch) is no cut at all
        if (Pricing.cents(saving).signum() <= 0) {
            return Optional.empty();
        }
        String rationale = sampled ? String.format(Locale.ROOT,
                "a sample of %s REPORT lines on %d of %d days used at most %s (%s of %s), a lower bound of the real maximum: %s would keep %s headroom over the sample and save %s/month at %s invocations and %s average%s; confirm the peak with Lambda Insights or Logs Insights before cutting.",
                Numbers.count(metrics.memorySample() == null ? 0 : metrics.memorySample().reportLines()),
                metrics.memorySample() == null ? 0 : metrics.memorySample().daysCovered(), metrics.daysWithData(),
                Numbers.mb(maxUsedMb), Numbers.percent((double) maxUsedMb / current), Numbers.mb(current),
                Numbers.mb(target), Numbers.percent((double) (target - maxUsedMb) / maxUsedMb), Numbers.usd(Pricing.cents(saving)),
                Numbers.count(RecommendationFactory.monthlyInvocations(metrics.invocations(), metrics.daysWithData())),
                Numbers.ms(metrics.durationAvgMs()), limit.sentence())
                : String.format(Locale.ROOT,
                "max memory used %s over %d days (%s of %s): %s keeps %s headroom and saves %s/month at %s invocations and %s average%s.",
                Numbers.mb(maxUsedMb), metrics.daysWithData(), Numbers.percent((double) maxUsedMb / current), Numbers.mb(current),
                Numbers.mb(target), Numbers.percent((double) (target - maxUsedMb) / maxUsedMb), Numbers.usd(Pricing.cents(saving)),
                Numbers.count(RecommendationFactory.monthlyInvocations(metrics.invocations(), metrics.daysWithData())),
                Numbers.ms(metrics.durationAvgMs()),
                (raisedByTag && target == own.minMemoryMb() ? " (not lower: tag " + FunctionPolicy.MIN_MEMORY_TAG + "=" + own.minMemoryMb() + ")"
                : cpuBound ? String.format(Locale.ROOT, " (CPU-bound at %s CPU time: kept at the memory that gives it that CPU)",
                        Numbers.percent(metrics.cpuTimeRatio())) : "") + limit.sentence());
        List<String> assumptions = new ArrayList<>();
        assumptions.add("memory source: " + metrics.memorySource().description()
                + (metrics.memorySample() != null ? ", " + metrics.memorySample().reportLines() + " REPORT lines on "
                + metrics.memorySample().daysCovered() + " days" : ""));
        if (sampled) {
            assumptions.add("a sample's maximum is a lower bound: " + own.headroomPercent() + " % headroom plus a "
                    + sampleMargin + " % sample margin (50 % at 1,000 lines, by the square root of the size, 20 % to 200 %)");
        }
        assumptions.add(cpuBound
                ? String.format(Locale.ROOT, "CPU-bound: not cut below %,d MB; average duration at %s estimated at %s",
                        Math.min(current, cpuFloorMb(metrics.cpuTimeRatio())), Numbers.mb(target), Numbers.ms(durationAfterMs))
                : response instanceof MemoryResponse.Measured measured
                ? String.format(Locale.ROOT, "%s: average duration at %s estimated at %s",
                        measured.basis(), Numbers.mb(target), Numbers.ms(durationAfterMs))
                : metrics.cpuTimeRatio() != null
                ? String.format(Locale.ROOT, "CPU time %s of duration: average duration at %s estimated at %s",
                        Numbers.percent(metrics.cpuTimeRatio()), Numbers.mb(target), Numbers.ms(durationAfterMs))
                : String.format(Locale.ROOT, "duration unchanged at less memory (CPU time unknown; up to %.2fx if all of it is CPU, "
                        + "and the timeout allows for that)", response.slowdown(target)));
        if (response.predicts()) {
            assumptions.add(String.format(Locale.ROOT, "latency guard: p99 at most %d %% slower (fleetopt.analyzer.max-p99-slowdown-percent)",
                    context.policy().maxP99SlowdownPercent()));
        } else {
            assumptions.add(String.format(Locale.ROOT, "without CPU time or a measured response, a week's cut is at most %d %% "
                    + "(fleetopt.analyzer.max-memory-step-percent); the next waits for this one's measured response",
                    context.policy().maxMemoryStepPercent()));
        }
        assumptions.add(metrics.billingAssumption());
        assumptions.add(RecommendationFactory.trafficAssumption(metrics.daysWithData()));
        assumptions.add("price: " + context.pricing().prices().region() + ", first tier, as of " + context.pricing().prices().asOf());
        if (own.minMemoryMb() != null) {
            assumptions.add("not below " + own.minMemoryMb() + " MB (tag " + FunctionPolicy.MIN_MEMORY_TAG + ")");
        }
        Risk risk = sampled ? Risk.HIGH : metrics.daysWithData() < 14 ? Risk.MEDIUM : Risk.LOW;
        return Optional.of(RecommendationFactory.recommend(function, kind(), Integer.toString(current),
                Integer.toString(target), risk, sampled ? Action.REPORT_ONLY : Action.APPLY, rationale, saving, assumptions));
    }

    static boolean isCpuBound(FunctionMetrics metrics) {
        return metrics.cpuTimeRatio() != null && metrics.cpuTimeRatio() >= CPU_BOUND_RATIO;
    }

    /** The least memory allowed: max used plus headroom, rounded up to 64 MB, within 128..10,240 MB. */
    public static int floorFor(int maxUsedMb, int headroomPercent) {
        long withHeadroom = (long) Math.ceil(maxUsedMb * (100L + headroomPercent) / 100.0);
        return (int) Math.min(MAX_MEMORY_MB, Math.max(MIN_MEMORY_MB, roundUp(withHeadroom)));
    }

    /** The memory that gives a function the CPU it uses: one vCPU per 1,769 MB, at least one vCPU. */
    public static int cpuFloorMb(double cpuTimeRatio) {
        double vcpus = Math.min(MAX_VCPUS, Math.max(1.0, cpuTimeRatio));
        return (int) Math.min(MAX_MEMORY_MB, roundUp((long) Math.ceil(vcpus * ONE_VCPU_MB)));
    }

    /**
     * The average duration at {@code toMb} of a function that ran {@code durationMs} at {@code fromMb} with CPU
     * time {@code cpuTimeRatio} of its duration: the CPU part stretches when the vCPU share falls below what it uses.
     */
    public static double durationAtMemoryMs(double durationMs, double cpuTimeRatio, int fromMb, int toMb) {
        double vcpusUsed = Math.min(cpuTimeRatio, vcpus(fromMb));
        double available = vcpus(toMb);
        if (available >= vcpusUsed || vcpusUsed <= 0) {
            return durationMs;
        }
        double cpuShare = Math.min(1.0, cpuTimeRatio);
        return durationMs * ((1 - cpuShare) + cpuShare * vcpusUsed / available);
    }

    /**
     * How much longer an invocation may take after a cut from {@code fromMb} to {@code toMb}: from the CPU time when
     * known, else the worst case of a function that only computes on one thread.
     */
    public static double worstSlowdown(Double cpuTimeRatio, int fromMb, int toMb) {
        if (toMb >= fromMb) {
            return 1.0;
        }
        if (cpuTimeRatio != null) {
            return durationAtMemoryMs(1.0, cpuTimeRatio, fromMb, toMb);
        }
        return Math.max(1.0, Math.min(vcpus(fromMb), 1.0) / vcpus(toMb));
    }

    private static double vcpus(int memoryMb) {
        return io.fleetopt.core.pricing.LambdaCpu.vcpus(memoryMb);
    }

    /** Rounded up to the next multiple of 64 MB. */
    static int roundUpToStep(int mb) {
        return roundUp(mb);
    }

    private static long roundUp(long mb) {
        return (mb + STEP_MB - 1) / STEP_MB * STEP_MB;
    }

    private static int roundUp(int mb) {
        return (int) roundUp((long) mb);
    }
}
