package io.fleetopt.core.port;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Each function's on-demand Lambda cost (compute and requests; provisioned concurrency left out) over a range of
 * days, by function ARN, where the source can tell functions apart; how many API calls it took; at which
 * granularity it was read ({@code level}: {@link #BY_RESOURCE}, or by a cost-allocation tag); and, when it could
 * not, why ({@code costUsdByArn} is then empty, {@code level} {@link #NONE}).
 */
public record FunctionCosts(Map<String, BigDecimal> costUsdByArn, int apiCalls, String level, @Nullable String unavailable) {

    /** Resource-level data: the cost of each function's ARN (its versions and aliases included). */
    public static final String BY_RESOURCE = "by resource";
    public static final String NONE = "none";

    public static FunctionCosts unavailable(int apiCalls, String reason) {
        return new FunctionCosts(Map.of(), apiCalls, NONE, reason);
    }

    /** The granularity of a cost read grouped by the values of a cost-allocation tag. */
    public static String byTag(String tagKey) {
        return "by cost-allocation tag " + tagKey;
    }

    public boolean isAvailable() {
        return unavailable == null;
    }
}
