package io.fleetopt.core.port;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Each function's on-demand Lambda cost (compute and requests; provisioned concurrency left out) over a range of
 * days, by function ARN, where the source has resource-level data; how many API calls it took; and, when it has
 * none, why ({@code costUsdByArn} is then empty).
 */
public record FunctionCosts(Map<String, BigDecimal> costUsdByArn, int apiCalls, @Nullable String unavailable) {

    public static FunctionCosts unavailable(int apiCalls, String reason) {
        return new FunctionCosts(Map.of(), apiCalls, reason);
    }

    public boolean isAvailable() {
        return unavailable == null;
    }
}
