package io.fleetopt.notifier;

import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;

/**
 * A memory change's saving at this week's traffic: this week's invocations priced as they ran before the change
 * (the average duration then, the memory then) and as they run now, in GB-seconds at the price of the function's
 * architecture and region plus requests, with the same {@link Pricing} the plan was estimated with. So a busier
 * or quieter week is not taken for a costlier or cheaper configuration.
 *
 * <p>CloudWatch has no billed-duration metric: the average duration stands for it (Lambda bills each invocation
 * rounded up to the next millisecond, a difference under one millisecond an invocation).
 */
public final class UsageNormalization {

    private final Pricing pricing;

    public UsageNormalization(Pricing pricing) {
        this.pricing = pricing;
    }

    public record Measured(BigDecimal costBeforeMonthlyUsd, BigDecimal costAfterMonthlyUsd, BigDecimal realizedMonthlyUsd) {
    }

    /** Both usages must have run ({@link FunctionUsage#ran()}). */
    public Measured measure(int memoryBeforeMb, int memoryAfterMb, String architecture, String region,
                            FunctionUsage before, FunctionUsage after) {
        if (!before.ran() || !after.ran()) {
            throw new IllegalArgumentException("a change is measured only on usage with invocations before and after");
        }
        Pricing prices = pricing.in(region);
        long invocations = after.invocations();
        int days = after.days().days();
        BigDecimal costBefore = Pricing.monthly(prices.computeUsd(invocations, before.durationAvgMs(), memoryBeforeMb, architecture)
                .add(prices.requestsUsd(invocations)), days);
        BigDecimal costAfter = Pricing.monthly(prices.computeUsd(invocations, after.durationAvgMs(), memoryAfterMb, architecture)
                .add(prices.requestsUsd(invocations)), days);
        return new Measured(Pricing.cents(costBefore), Pricing.cents(costAfter), Pricing.cents(costBefore.subtract(costAfter)));
    }
}
