package io.fleetopt.core.port;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * An alarm that guards a changed function: it fires when the metric ({@code namespace}, {@code metricName},
 * {@code dimensions}), over {@code periodSeconds}, reaches {@code threshold} for {@code evaluationPeriods} periods in
 * a row. {@code statistic} is CloudWatch's (Sum, Maximum) or a percentile (p99). {@code runId} is the run whose
 * changes it guards; its description carries that run and the function ({@link GuardAlarmLabel}).
 */
@Serdeable
public record GuardAlarm(
        String name,
        String functionArn,
        String functionName,
        String namespace,
        String metricName,
        Map<String, String> dimensions,
        String statistic,
        double threshold,
        int periodSeconds,
        int evaluationPeriods,
        String reason,
        @Nullable String runId) {

    public static final String LAMBDA_NAMESPACE = "AWS/Lambda";

    /** True for a percentile statistic (p99), which CloudWatch takes as an ExtendedStatistic. */
    public boolean percentile() {
        return statistic.matches("p\\d{1,2}(\\.\\d+)?");
    }

    /** The description CloudWatch keeps: the reason, then the run and the function (parseable). */
    public String description() {
        return runId == null ? reason : GuardAlarmLabel.describe(reason, runId, functionArn);
    }
}
