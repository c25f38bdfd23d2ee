package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.FunctionAlias;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.LearnedResponse;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.pricing.LambdaCpu;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A memory increase that costs less (Power Tuning's classic case), found from production data: a memory cut whose
 * measured response (MEDIUM or HIGH confidence, {@link MemoryResponse.Measured}) shows the function slowed by more
 * than the CPU it lost explains, so each invocation now costs more than it did at the larger memory.
 * <p>
 * Which sizes can cost less: in the duration model ({@link io.fleetopt.core.pricing.DurationModel}, a CPU share of
 * at most 1) the GB-seconds of an invocation are {@code d0 x ((1 - s) x m + s x m0)}, never smaller at a larger
 * memory; so only a size where production measured it cheaper qualifies. Between the two measured sizes the
 * duration moves linearly with 1/vCPU, so the GB-seconds move linearly with memory and the cheaper end is the
 * cheapest; above the larger one the model predicts every size costs more. The one candidate is therefore the
 * memory the function ran with before the cut (at most Lambda's 10,240 MB), while it still runs with the cut's
 * memory. Its duration is today's times the measured ratio (average, and p99 where both weeks have one), its cost
 * the GB-seconds at that duration plus requests, in the function's region and architecture. It is proposed only
 * when it saves at least {@code min-increase-saving-percent} of today's cost and {@code min-monthly-saving-usd} a
 * month, counting the provisioned concurrency of the alias that carries its traffic at the larger memory too. An
 * increase cannot run out of memory; if the prediction is wrong it costs more, which next week's
 * measurement of the change shows like any memory change's (and its guard alarms watch errors and p99).
 */
final class CheaperAtMoreMemory {

    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private CheaperAtMoreMemory() {
    }

    static Optional<Recommendation> of(FunctionProfile function, RuleContext context) {
        if (!(MemoryResponse.of(function, context) instanceof MemoryResponse.Measured measured)) {
            return Optional.empty();
        }
        LearnedResponse learned = measured.learned();
        FunctionMetrics metrics = function.metrics();
        FunctionConfig config = function.config();
        int current = config.memoryMb();
        int target = learned.memoryBeforeMb();
        if (learned.endedOn() != null || learned.memoryAfterMb() != current || target <= current
                || target > LambdaCpu.MAX_MEMORY_MB || metrics.durationAvgMs() == null || metrics.invocations() <= 0
                || learned.before().durationAvgMs() == null || learned.after().durationAvgMs() == null
                || learned.after().durationAvgMs() <= 0) {
            return Optional.empty();
        }
        double averageRatio = learned.before().durationAvgMs() / learned.after().durationAvgMs();
        double billedNowMs = metrics.billedMsPerInvocation();
        double billedAfterMs = billedNowMs * averageRatio;
        int days = metrics.daysWithData();
        Pricing pricing = context.pricing();
        BigDecimal requests = pricing.requestsUsd(metrics.invocations());
        BigDecimal costNow = Pricing.monthly(pricing.computeUsd(metrics.invocations(), billedNowMs, current, config.architecture())
                .add(requests), days);
        BigDecimal costAfter = Pricing.monthly(pricing.computeUsd(metrics.invocations(), billedAfterMs, target, config.architecture())
                .add(requests), days);
        BigDecimal saving = costNow.subtract(costAfter);
        // an alias's provisioned concurrency moves with the memory (AliasItems adds its change to the item's saving):
        // the increase must save the threshold with it
        int warm = function.trafficAlias().map(FunctionAlias::provisionedConcurrency).filter(p -> p > 0).orElse(0);
        BigDecimal warmNow = warm == 0 ? BigDecimal.ZERO : pricing.provisionedMonthlyUsd(warm, current);
        BigDecimal warmExtra = warm == 0 ? BigDecimal.ZERO : pricing.provisionedMonthlyUsd(warm, target).subtract(warmNow);
        BigDecimal net = saving.subtract(warmExtra);
        int minPercent = context.policy().minIncreaseSavingPercent();
        if (net.signum() <= 0 || net.compareTo(context.policy().minMonthlySavingUsd()) < 0
                || net.multiply(BigDecimal.valueOf(100)).compareTo(costNow.add(warmNow).multiply(BigDecimal.valueOf(minPercent), PRECISION)) < 0) {
            return Optional.empty();
        }
        double durationAfterMs = metrics.durationAvgMs() * averageRatio;
        Double p99Ratio = learned.before().durationP99Ms() != null && learned.after().durationP99Ms() != null
                && learned.after().durationP99Ms() > 0 ? learned.before().durationP99Ms() / learned.after().durationP99Ms() : null;
        String p99 = p99Ratio != null && metrics.durationP99Ms() != null
                ? String.format(Locale.ROOT, ", p99 %s (now %s)", Numbers.ms(metrics.durationP99Ms() * p99Ratio),
                Numbers.ms(metrics.durationP99Ms())) : "";
        double cpuLost = LambdaCpu.cpuRatio(target, current);
        double slowedBy = learned.after().durationAvgMs() / learned.before().durationAvgMs();
        String share = warm == 0 ? Numbers.percent(net.doubleValue() / costNow.doubleValue())
                : String.format(Locale.ROOT, "in compute; %s with its provisioned concurrency's %s/month more at %s",
                Numbers.percent(net.doubleValue() / costNow.add(warmNow).doubleValue()), Numbers.usd(Pricing.cents(warmExtra)),
                Numbers.mb(target));
        String rationale = String.format(Locale.ROOT,
                "%s: the cut to %s made it %.2fx slower on average, more than the %.2fx the CPU it lost explains, so it costs "
                        + "more than it did at %s: back at %s it is predicted to run %s average (now %s)%s and cost %s/month "
                        + "instead of %s/month at %s invocations, saving %s/month (%s; at least %d %% and %s needed).",
                measured.basis(), Numbers.mb(current), slowedBy, cpuLost, Numbers.mb(target), Numbers.mb(target),
                Numbers.ms(durationAfterMs), Numbers.ms(metrics.durationAvgMs()), p99, Numbers.usd(Pricing.cents(costAfter)),
                Numbers.usd(Pricing.cents(costNow)),
                Numbers.count(RecommendationFactory.monthlyInvocations(metrics.invocations(), days)),
                Numbers.usd(Pricing.cents(saving)), share, minPercent, Numbers.usd(context.policy().minMonthlySavingUsd()));
        List<String> assumptions = new ArrayList<>();
        assumptions.add(String.format(Locale.ROOT,
                "duration at %s from the change of %s: its week at %s ran %s average against %s at %s (x%.2f applied to this window's)%s",
                Numbers.mb(target), learned.changedOn(), Numbers.mb(target), Numbers.ms(learned.before().durationAvgMs()),
                Numbers.ms(learned.after().durationAvgMs()), Numbers.mb(current), averageRatio,
                p99Ratio == null ? "" : String.format(Locale.ROOT, ", p99 x%.2f", p99Ratio)));
        assumptions.add(target == LambdaCpu.MAX_MEMORY_MB ? "only a size production measured cheaper is proposed; 10,240 MB is Lambda's largest"
                : String.format(Locale.ROOT, "only a size production measured cheaper is proposed: with at most all of "
                + "its duration scaling with CPU, a larger memory never costs less, so no size above %s is predicted cheaper",
                Numbers.mb(target)));
        assumptions.add(String.format(Locale.ROOT, "at least %d %% of its cost a month saved (fleetopt.analyzer.min-increase-saving-percent) "
                + "and %s (fleetopt.analyzer.min-monthly-saving-usd)", minPercent, Numbers.usd(context.policy().minMonthlySavingUsd())));
        assumptions.add("an increase cannot make it run out of memory; if the prediction is wrong it costs more, which next "
                + "week's measurement of this change shows");
        assumptions.add(metrics.billingAssumption());
        assumptions.add(RecommendationFactory.trafficAssumption(days));
        assumptions.add("price: " + pricing.prices().region() + ", first tier, as of " + pricing.prices().asOf());
        Risk risk = learned.confidence() == Confidence.HIGH && days >= 14 ? Risk.LOW : Risk.MEDIUM;
        return Optional.of(RecommendationFactory.recommend(function, RecommendationKind.MEMORY, Integer.toString(current),
                Integer.toString(target), risk, Action.APPLY, rationale, saving, assumptions));
    }
}
