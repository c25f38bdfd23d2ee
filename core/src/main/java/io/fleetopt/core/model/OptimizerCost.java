package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What one weekly run of the optimizer itself costs in the account, in dollars: by what is billed (GetMetricData,
 * CloudWatch read requests, Logs Insights scans, Cost Explorer, Step Functions transitions, its own Lambda
 * GB-seconds), in total and per 1,000 functions, with the assumptions behind the parts that are estimated.
 *
 * <p>{@code atScale} is the same run estimated at 1,000 / 10,000 / 100,000 functions ({@link RunCostAtScale}); null in
 * plans written before it was added.
 */
@Serdeable
public record OptimizerCost(BigDecimal totalUsd, BigDecimal per1000FunctionsUsd, int functions,
                            Map<String, BigDecimal> byItemUsd, List<String> assumptions,
                            @Nullable List<RunCostAtScale> atScale) {

    public OptimizerCost(BigDecimal totalUsd, BigDecimal per1000FunctionsUsd, int functions,
                         Map<String, BigDecimal> byItemUsd, List<String> assumptions) {
        this(totalUsd, per1000FunctionsUsd, functions, byItemUsd, assumptions, null);
    }
}
