package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/**
 * What one weekly run would cost on a fleet of {@code functions}, estimated (not measured) by
 * {@code OptimizerPricing.atScale}: the items applied (every change of a first run approved), the Standard parent's
 * state transitions, the ApplyApproved children as Express workflows (what the state machine runs) and what they
 * would cost as Standard workflows, the stages' Lambda GB-seconds, the AWS API calls, and the total with Express
 * children.
 */
@Serdeable
public record RunCostAtScale(
        int functions,
        long itemsApplied,
        long standardTransitions,
        BigDecimal expressChildrenUsd,
        BigDecimal standardChildrenUsd,
        long lambdaGbSeconds,
        long apiCalls,
        BigDecimal totalUsd) {
}
