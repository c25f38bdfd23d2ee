package io.fleetopt.notifier.aws;

import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.GuardAlarm;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

import io.fleetopt.core.port.GuardAlarmLabel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Guard alarms as CloudWatch metric alarms (a function's AWS/Lambda or LambdaInsights metric, or its dead-letter
 * queue's AWS/SQS one), notifying the topic when they fire. fleetopt's alarms are those named {@code fleetopt-...};
 * the run and the function they guard end their description ({@link GuardAlarmLabel}), which CloudWatch sends in
 * its state change events. An older alarm without that label names its function by its FunctionName dimension
 * and its own ARN (same partition, region and account). Percentiles (p99) go as ExtendedStatistic. The tags are set
 * when an alarm is created (CloudWatch ignores them when PutMetricAlarm updates an existing one).
 */
public final class CloudWatchAlarmPort implements AlarmPort, AutoCloseable {

    /**
     * What {@link #putAlarm} (PutMetricAlarm; TagResource for the tags it sets on a new alarm) and {@link #alarms}
     * (DescribeAlarms) call, on the alarms named {@value #NAME_PREFIX}... only.
     */
    public static final List<String> IAM_ACTIONS = List.of("cloudwatch:PutMetricAlarm", "cloudwatch:TagResource",
            "cloudwatch:DescribeAlarms");

    static final String NAME_PREFIX = "fleetopt-";
    static final String NAMESPACE = "AWS/Lambda";
    static final String FUNCTION_NAME = "FunctionName";
    static final String TREAT_MISSING_DATA = "notBreaching";
    static final String MANAGED_BY_TAG = "fleetopt:managed-by";
    static final String FUNCTION_ARN_TAG = "fleetopt:function-arn";

    private final CloudWatchClient cloudWatch;
    private final @io.micronaut.core.annotation.Nullable String topicArn;

    /** {@code topicArn} null: alarms without an action (the command line has no topic; it reads their state itself). */
    public CloudWatchAlarmPort(CloudWatchClient cloudWatch, @io.micronaut.core.annotation.Nullable String topicArn) {
        this.cloudWatch = cloudWatch;
        this.topicArn = topicArn;
    }

    @Override
    public void putAlarm(GuardAlarm alarm) {
        if (!alarm.name().startsWith(NAME_PREFIX)) {
            throw new IllegalArgumentException("guard alarm " + alarm.name() + " must be named " + NAME_PREFIX
                    + "... so that fleetopt finds it again");
        }
        PutMetricAlarmRequest.Builder builder = PutMetricAlarmRequest.builder()
                .alarmName(alarm.name())
                .alarmDescription(alarm.description())
                .namespace(alarm.namespace())
                .metricName(alarm.metricName())
                .dimensions(alarm.dimensions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(d -> Dimension.builder().name(d.getKey()).value(d.getValue()).build()).toList())
                .threshold(alarm.threshold())
                .period(alarm.periodSeconds())
                .evaluationPeriods(alarm.evaluationPeriods())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TREAT_MISSING_DATA)
                .actionsEnabled(true)
                .tags(Tag.builder().key(MANAGED_BY_TAG).value("fleetopt").build(),
                        Tag.builder().key(FUNCTION_ARN_TAG).value(alarm.functionArn()).build());
        if (alarm.percentile()) {
            builder.extendedStatistic(alarm.statistic());
        } else {
            builder.statistic(alarm.statistic());
        }
        PutMetricAlarmRequest request = (topicArn == null ? builder : builder.alarmActions(topicArn)).build();
        try {
            cloudWatch.putMetricAlarm(request);
        } catch (SdkException e) {
            throw AwsCallException.of("put the CloudWatch alarm " + alarm.name() + " on " + alarm.functionName()
                    + (topicArn == null ? "" : " (notifying " + topicArn + ")"), "cloudwatch:PutMetricAlarm and cloudwatch:TagResource", e);
        }
    }

    /** fleetopt's guard alarms in the account and region; other alarms with the prefix are left out. */
    @Override
    public List<GuardAlarm> alarms() {
        String doing = "list the CloudWatch alarms named " + NAME_PREFIX + "...";
        List<GuardAlarm> out = new ArrayList<>();
        try {
            for (MetricAlarm alarm : cloudWatch.describeAlarmsPaginator(
                    DescribeAlarmsRequest.builder().alarmNamePrefix(NAME_PREFIX).build()).metricAlarms()) {
                guardAlarm(alarm, doing).ifPresent(out::add);
            }
        } catch (SdkException e) {
            throw AwsCallException.of(doing, "cloudwatch:DescribeAlarms", e);
        }
        return out;
    }

    private static Optional<GuardAlarm> guardAlarm(MetricAlarm alarm, String doing) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        alarm.dimensions().forEach(d -> dimensions.put(d.name(), d.value()));
        Optional<GuardAlarmLabel> label = GuardAlarmLabel.parse(alarm.alarmDescription());
        String statistic = alarm.statisticAsString() != null ? alarm.statisticAsString() : alarm.extendedStatistic();
        String functionName = label.map(l -> l.functionArn().substring(l.functionArn().lastIndexOf(':') + 1))
                .orElse(NAMESPACE.equals(alarm.namespace()) ? dimensions.get(FUNCTION_NAME) : null);
        if (functionName == null || statistic == null) {
            return Optional.empty();
        }
        if (alarm.threshold() == null || alarm.period() == null || alarm.evaluationPeriods() == null) {
            throw AwsCallException.unusable(doing, "describes alarm " + alarm.alarmName()
                    + " without its threshold, period or evaluation periods", null);
        }
        String description = alarm.alarmDescription() == null ? "" : alarm.alarmDescription();
        String reason = label.isPresent() ? description.substring(0, description.lastIndexOf(" [fleetopt run=")) : description;
        return Optional.of(new GuardAlarm(alarm.alarmName(),
                label.map(GuardAlarmLabel::functionArn).orElseGet(() -> functionArn(alarm, functionName, doing)), functionName,
                alarm.namespace(), alarm.metricName(), Map.copyOf(dimensions), statistic, alarm.threshold(), alarm.period(),
                alarm.evaluationPeriods(), reason, label.map(GuardAlarmLabel::runId).orElse(null)));
    }

    /** arn:PARTITION:cloudwatch:REGION:ACCOUNT:alarm:NAME -> arn:PARTITION:lambda:REGION:ACCOUNT:function:FUNCTION. */
    private static String functionArn(MetricAlarm alarm, String functionName, String doing) {
        String[] parts = alarm.alarmArn() == null ? new String[0] : alarm.alarmArn().split(":", 7);
        if (parts.length < 7 || !"arn".equals(parts[0]) || !"cloudwatch".equals(parts[2]) || !"alarm".equals(parts[5])) {
            throw AwsCallException.unusable(doing, "gives alarm " + alarm.alarmName() + " the ARN \"" + alarm.alarmArn()
                    + "\", which is not a CloudWatch alarm ARN", null);
        }
        return "arn:" + parts[1] + ":lambda:" + parts[3] + ":" + parts[4] + ":function:" + functionName;
    }

    @Override
    public void close() {
        cloudWatch.close();
    }
}
