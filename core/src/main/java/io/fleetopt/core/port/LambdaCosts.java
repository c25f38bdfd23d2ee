package io.fleetopt.core.port;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The account's daily Lambda cost over a period, how many API calls reading it took, where it comes from
 * ({@code source}, e.g. "Cost Explorer"), the level it was read at
 * (e.g. "account, by usage type"), and, when the source had no data for the period, why ({@code days} is then empty).
 */
public record LambdaCosts(List<DailyCost> days, int apiCalls, String source, String level, @Nullable String unavailable) {

    public static LambdaCosts unavailable(int apiCalls, String source, String level, String reason) {
        return new LambdaCosts(List.of(), apiCalls, source, level, reason);
    }

    public boolean isAvailable() {
        return unavailable == null;
    }
}
