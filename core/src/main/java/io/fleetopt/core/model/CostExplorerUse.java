package io.fleetopt.core.model;

import io.fleetopt.core.pricing.Pricing;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/**
 * How the run used Cost Explorer: how many paid calls it made (USD 0.01 each), where the cost comes from
 * ({@code source}: Cost Explorer, or the demo's simulated history), at which level it reads the
 * Lambda cost ({@code level}), and why its data was unavailable, if it was.
 */
@Serdeable
public record CostExplorerUse(int calls, BigDecimal costUsd, String source, String level, @Nullable String unavailable) {

    public static CostExplorerUse of(int calls, String source, String level, String unavailable) {
        return new CostExplorerUse(calls, Pricing.cents(io.fleetopt.core.pricing.OptimizerPricing.ownReadsUsd(calls, 0, 0)), source, level, unavailable);
    }
}
