package io.fleetopt.collector.aws;

import io.micronaut.core.annotation.Nullable;

/**
 * One daily metric of one function: a GetMetricData query with its id ({@code f12_inv}). With a {@code resource}
 * ({@code name:alias}), the metric of that qualifier only: Lambda's {@code FunctionName} + {@code Resource} dimensions.
 */
record MetricQuery(String id, int functionIndex, MetricKind kind, String functionName, @Nullable String resource) {

    static MetricQuery of(int functionIndex, MetricKind kind, String functionName) {
        return new MetricQuery("f" + functionIndex + "_" + kind.code, functionIndex, kind, functionName, null);
    }

    /** The metric of the function's {@code aliasIndex}-th alias ({@code f12_a0_inv}). */
    static MetricQuery ofAlias(int functionIndex, int aliasIndex, MetricKind kind, String functionName, String alias) {
        return new MetricQuery("f" + functionIndex + "_a" + aliasIndex + "_" + kind.code, functionIndex, kind, functionName,
                functionName + ":" + alias);
    }
}
