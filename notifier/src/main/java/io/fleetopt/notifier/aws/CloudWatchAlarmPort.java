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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Guard alarms as CloudWatch metric alarms on a function's AWS/Lambda metric, notifying the topic when they
 * fire. fleetopt's alarms are those named {@code fleetopt-...}; the function's ARN is not kept in an alarm but
 * follows from the alarm's own ARN (same partition, region and account) and its FunctionName dimension. The
 * tags are set when an alarm is created (CloudWatch ignores them when PutMetricAlarm updates an existing one).
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
                .alarmDescription(alarm.reason())
                .namespace(NAMESPACE)
                .metricName(alarm.metricName())
                .dimensions(Dimension.builder().name(FUNCTION_NAME).value(alarm.functionName()).build())
                .statistic(alarm.statistic())
                .threshold(alarm.threshold())
                .period(alarm.periodSeconds())
                .evaluationPeriods(alarm.evaluationPeriods())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TREAT_MISSING_DATA)
                .actionsEnabled(true)
                .tags(Tag.builder().key(MANAGED_BY_TAG).value("fleetopt").build(),
                        Tag.builder().key(FUNCTION_ARN_TAG).value(alarm.functionArn()).build());
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
        Optional<String> functionName = alarm.dimensions().stream().filter(d -> FUNCTION_NAME.equals(d.name()))
                .map(Dimension::value).findFirst();
        if (!NAMESPACE.equals(alarm.namespace()) || functionName.isEmpty() || alarm.statisticAsString() == null) {
            return Optional.empty();
        }
        if (alarm.threshold() == null || alarm.period() == null || alarm.evaluationPeriods() == null) {
            throw AwsCallException.unusable(doing, "describes alarm " + alarm.alarmName()
                    + " without its threshold, period or evaluation periods", null);
        }
        return Optional.of(new GuardAlarm(alarm.alarmName(), functionArn(alarm, functionName.get(), doing), functionName.get(),
                alarm.metricName(), alarm.statisticAsString(), alarm.threshold(), alarm.period(), alarm.evaluationPeriods(),
                alarm.alarmDescription() == null ? "" : alarm.alarmDescription()));
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
