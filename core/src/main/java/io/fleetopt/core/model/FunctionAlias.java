package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * One alias of a function as listed: the version it points to, the extra versions its routing sends a share of the
 * traffic to ({@code additionalVersionWeights}, 0..1 each), its provisioned concurrency (null: none, or unknown when
 * the function's qualifiers name {@code provisionedConcurrency} unknown), the invocations through it over the window
 * (CloudWatch's Invocations by the {@code Resource} dimension, {@code name:alias}; null: not read) and its revision id.
 */
@Serdeable
public record FunctionAlias(
        String name,
        String functionVersion,
        Map<String, Double> additionalVersionWeights,
        @Nullable Integer provisionedConcurrency,
        @Nullable Long invocations,
        String revisionId) {

    /** True when part of the alias's traffic goes to another version (a canary, or a deployment in progress). */
    public boolean hasWeightedRouting() {
        return !additionalVersionWeights.isEmpty();
    }
}
