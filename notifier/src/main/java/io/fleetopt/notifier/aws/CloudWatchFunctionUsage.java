package io.fleetopt.notifier.aws;

import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.port.FunctionUsageHistory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Functions' usage over a range of days from their AWS/Lambda metrics, with GetMetricData: per function the daily
 * Invocations sum (days with data) and, over the whole range, the Duration average, p50 and p99. Four queries a
 * function, at most 500 queries a call, pages followed; each function's region is read from its own region's
 * CloudWatch.
 */
public final class CloudWatchFunctionUsage implements FunctionUsageHistory, AutoCloseable {

    /** The IAM actions this adapter calls. */
    public static final List<String> IAM_ACTIONS = List.of("cloudwatch:GetMetricData");
    static final int MAX_QUERIES_PER_CALL = 500;
    static final int QUERIES_PER_FUNCTION = 4;
    private static final int SECONDS_PER_DAY = 86_400;

    private final Function<String, CloudWatchClient> clientOfRegion;
    private final Map<String, CloudWatchClient> clients = new HashMap<>();

    /** {@code clientOfRegion} builds the CloudWatch client of a region; each is built once and closed with this. */
    public CloudWatchFunctionUsage(Function<String, CloudWatchClient> clientOfRegion) {
        this.clientOfRegion = clientOfRegion;
    }

    @Override
    public int metricsPerFunction() {
        return QUERIES_PER_FUNCTION;
    }

    @Override
    public List<FunctionUsage> usage(List<String> functionArns, DateRange days) {
        Map<String, FunctionUsage> found = new HashMap<>();
        Map<String, List<String>> byRegion = new LinkedHashMap<>();
        functionArns.forEach(arn -> byRegion.computeIfAbsent(part(arn, 3), r -> new ArrayList<>()).add(arn));
        int perCall = MAX_QUERIES_PER_CALL / QUERIES_PER_FUNCTION;
        for (Map.Entry<String, List<String>> region : byRegion.entrySet()) {
            List<String> arns = region.getValue();
            for (int start = 0; start < arns.size(); start += perCall) {
                List<String> batch = arns.subList(start, Math.min(arns.size(), start + perCall));
                found.putAll(read(client(region.getKey()), batch, days));
            }
        }
        return functionArns.stream().map(arn -> found.getOrDefault(arn, FunctionUsage.none(arn, days))).toList();
    }

    private Map<String, FunctionUsage> read(CloudWatchClient cloudWatch, List<String> arns, DateRange days) {
        List<MetricDataQuery> queries = new ArrayList<>();
        int windowSeconds = days.days() * SECONDS_PER_DAY;
        for (int i = 0; i < arns.size(); i++) {
            String name = part(arns.get(i), 6);
            queries.add(query("i" + i, name, "Invocations", "Sum", SECONDS_PER_DAY));
            queries.add(query("a" + i, name, "Duration", "Average", windowSeconds));
            queries.add(query("m" + i, name, "Duration", "p50", windowSeconds));
            queries.add(query("n" + i, name, "Duration", "p99", windowSeconds));
        }
        Map<String, List<Double>> values = new HashMap<>();
        String nextToken = null;
        do {
            GetMetricDataRequest request = GetMetricDataRequest.builder().metricDataQueries(queries)
                    .startTime(days.from().atStartOfDay().toInstant(ZoneOffset.UTC))
                    .endTime(days.toExclusive().atStartOfDay().toInstant(ZoneOffset.UTC))
                    .nextToken(nextToken).build();
            GetMetricDataResponse page;
            try {
                page = cloudWatch.getMetricData(request);
            } catch (SdkException e) {
                throw AwsCallException.of("read the usage of " + arns.size() + " functions for " + days.display()
                        + " from CloudWatch", "cloudwatch:GetMetricData", e);
            }
            for (MetricDataResult result : page.metricDataResults()) {
                values.computeIfAbsent(result.id(), id -> new ArrayList<>()).addAll(result.values());
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        Map<String, FunctionUsage> out = new HashMap<>();
        for (int i = 0; i < arns.size(); i++) {
            List<Double> daily = values.getOrDefault("i" + i, List.of());
            long invocations = Math.round(daily.stream().mapToDouble(Double::doubleValue).sum());
            int daysWithData = (int) daily.stream().filter(v -> v > 0).count();
            out.put(arns.get(i), new FunctionUsage(arns.get(i), days, daysWithData, invocations,
                    invocations == 0 ? null : first(values, "a" + i),
                    invocations == 0 ? null : first(values, "m" + i),
                    invocations == 0 ? null : first(values, "n" + i)));
        }
        return out;
    }

    private static Double first(Map<String, List<Double>> values, String id) {
        List<Double> found = values.getOrDefault(id, List.of());
        return found.isEmpty() ? null : found.get(0);
    }

    private static MetricDataQuery query(String id, String functionName, String metric, String stat, int periodSeconds) {
        return MetricDataQuery.builder().id(id).returnData(true).metricStat(MetricStat.builder()
                .metric(Metric.builder().namespace("AWS/Lambda").metricName(metric)
                        .dimensions(Dimension.builder().name("FunctionName").value(functionName).build()).build())
                .stat(stat).period(periodSeconds).build()).build();
    }

    /** A part of arn:aws:lambda:REGION:ACCOUNT:function:NAME (3 the region, 6 the name). */
    private static String part(String functionArn, int index) {
        String[] parts = functionArn.split(":");
        if (parts.length < 7) {
            throw new IllegalArgumentException("'" + functionArn + "' is not a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)");
        }
        return parts[index];
    }

    private synchronized CloudWatchClient client(String region) {
        return clients.computeIfAbsent(region, clientOfRegion);
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(CloudWatchClient::close);
        clients.clear();
    }
}
