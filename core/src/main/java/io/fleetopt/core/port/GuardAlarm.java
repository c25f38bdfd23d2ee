package io.fleetopt.core.port;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An alarm that guards a changed function: it fires when the metric, over {@code periodSeconds}, reaches
 * {@code threshold} for {@code evaluationPeriods} periods in a row.
 */
@Serdeable
public record GuardAlarm(
        String name,
        String functionArn,
        String functionName,
        String metricName,
        String statistic,
        double threshold,
        int periodSeconds,
        int evaluationPeriods,
        String reason) {
}
