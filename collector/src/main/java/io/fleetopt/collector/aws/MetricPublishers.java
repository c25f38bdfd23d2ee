package io.fleetopt.collector.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which functions publish a metric, learned from CloudWatch itself (ListMetrics, every page), not from how the
 * function is configured: a function publishes Lambda Insights whether the extension comes as the usual layer,
 * a renamed one or inside a container image. ListMetrics lists what had data in the last two weeks. A listing
 * that fails answers empty, and the caller then asks for the metric of every function (the old, dearer way).
 */
final class MetricPublishers {

    private final CloudWatchClient cloudWatch;
    private final SubCallFailures failures;

    MetricPublishers(CloudWatchClient cloudWatch, SubCallFailures failures) {
        this.cloudWatch = cloudWatch;
        this.failures = failures;
    }

    /**
     * The functions invoked through a qualifier (an alias or a version) in the last two weeks: the names of those
     * with an Invocations metric carrying the {@code Resource} dimension ({@code name:qualifier}), or empty when
     * CloudWatch could not say.
     */
    Optional<Set<String>> invokedThroughQualifiers() {
        Set<String> names = new HashSet<>();
        try {
            for (Metric metric : cloudWatch.listMetricsPaginator(b -> b.namespace(MetricKind.INVOCATIONS.namespace)
                    .metricName(MetricKind.INVOCATIONS.metricName)
                    .dimensions(d -> d.name(GetMetricDataBatcher.RESOURCE_DIMENSION))).metrics()) {
                for (Dimension dimension : metric.dimensions()) {
                    if (dimension.name().equals(GetMetricDataBatcher.RESOURCE_DIMENSION) && dimension.value().contains(":")) {
                        names.add(dimension.value().substring(0, dimension.value().indexOf(':')));
                    }
                }
            }
            return Optional.of(names);
        } catch (SdkException e) {
            failures.record("ListMetrics", "Invocations by Resource unknown: aliases asked of every function instead (dearer)", e);
            return Optional.empty();
        }
    }

    /** The names of the functions that publish {@code kind}, or empty when CloudWatch could not say. */
    Optional<Set<String>> of(MetricKind kind) {
        Set<String> names = new HashSet<>();
        try {
            for (Metric metric : cloudWatch.listMetricsPaginator(b -> b.namespace(kind.namespace).metricName(kind.metricName))
                    .metrics()) {
                for (Dimension dimension : metric.dimensions()) {
                    if (dimension.name().equals(kind.functionDimension())) {
                        names.add(dimension.value());
                    }
                }
            }
            return Optional.of(names);
        } catch (SdkException e) {
            failures.record("ListMetrics", kind.namespace + " " + kind.metricName
                    + " asked of every function instead (dearer)", e);
            return Optional.empty();
        }
    }
}
