package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/**
 * One applied change and what it saves. For a measured memory change: the monthly cost of this week's invocations
 * as the function ran before the change ({@code costBeforeMonthlyUsd}) and as it runs now ({@code costAfterMonthlyUsd}),
 * GB-seconds times the price of its architecture plus requests; the realized saving is the difference. Any other
 * status realizes zero, and {@code note} says why.
 */
@Serdeable
public record FunctionSavings(
        String functionArn,
        String functionName,
        String itemId,
        RecommendationKind kind,
        SavingsStatus status,
        String before,
        String after,
        @Nullable String architecture,
        @Nullable Integer maxMemoryUsedMb,
        @Nullable FunctionUsage usageBefore,
        @Nullable FunctionUsage usageAfter,
        @Nullable BigDecimal costBeforeMonthlyUsd,
        @Nullable BigDecimal costAfterMonthlyUsd,
        BigDecimal estimatedMonthlyUsd,
        BigDecimal realizedMonthlyUsd,
        String note) {
}
