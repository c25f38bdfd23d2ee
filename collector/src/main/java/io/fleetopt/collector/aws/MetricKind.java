package io.fleetopt.collector.aws;

/** The daily metrics the collector may ask CloudWatch for, one GetMetricData query each per function that needs it. */
enum MetricKind {
    INVOCATIONS("AWS/Lambda", "Invocations", "Sum", "inv"),
    ERRORS("AWS/Lambda", "Errors", "Sum", "err"),
    THROTTLES("AWS/Lambda", "Throttles", "Sum", "thr"),
    DURATION_AVG("AWS/Lambda", "Duration", "Average", "davg"),
    DURATION_MAX("AWS/Lambda", "Duration", "Maximum", "dmax"),
    CONCURRENCY_MAX("AWS/Lambda", "ConcurrentExecutions", "Maximum", "conc"),
    ASYNC_EVENTS("AWS/Lambda", "AsyncEventsReceived", "Sum", "async"),
    PROVISIONED_UTILIZATION_MAX("AWS/Lambda", "ProvisionedConcurrencyUtilization", "Maximum", "pcu"),
    /** Lambda Insights: the most memory used, in MB. */
    INSIGHTS_MEMORY_MAX("LambdaInsights", "used_memory_max", "Maximum", "imem"),
    /** Lambda Insights: CPU time per invocation, in ms. */
    INSIGHTS_CPU_AVG("LambdaInsights", "cpu_total_time", "Average", "icpu");

    /** What every invoked function is asked for after its invocations: what the rules read of each. */
    static final MetricKind[] TRAFFIC = {ERRORS, THROTTLES, DURATION_AVG, DURATION_MAX};
    static final MetricKind[] INSIGHTS = {INSIGHTS_MEMORY_MAX, INSIGHTS_CPU_AVG};

    final String namespace;
    final String metricName;
    final String stat;
    final String code;

    MetricKind(String namespace, String metricName, String stat, String code) {
        this.namespace = namespace;
        this.metricName = metricName;
        this.stat = stat;
        this.code = code;
    }

    /** The metric's dimension naming a function: Lambda's own metrics and Lambda Insights spell it differently. */
    String functionDimension() {
        return namespace.equals("LambdaInsights") ? "function_name" : "FunctionName";
    }
}
