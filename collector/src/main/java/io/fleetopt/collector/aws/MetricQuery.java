package io.fleetopt.collector.aws;

/** One daily metric of one function: a GetMetricData query with its id ({@code f12_inv}). */
record MetricQuery(String id, int functionIndex, MetricKind kind, String functionName) {

    static MetricQuery of(int functionIndex, MetricKind kind, String functionName) {
        return new MetricQuery("f" + functionIndex + "_" + kind.code, functionIndex, kind, functionName);
    }
}
