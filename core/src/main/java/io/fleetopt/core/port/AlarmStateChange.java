package io.fleetopt.core.port;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * An alarm went into a state: what EventBridge's "CloudWatch Alarm State Change" event says (in AWS), or what the
 * demo account's evaluation of a guard alarm found (locally). {@code reason} is CloudWatch's own sentence, with the
 * datapoint that crossed the threshold.
 */
@Serdeable
public record AlarmStateChange(
        String alarmName,
        @Nullable String description,
        String state,
        @Nullable String reason,
        Instant at,
        @Nullable String account,
        @Nullable String region) {

    public static final String ALARM = "ALARM";

    public boolean isAlarm() {
        return ALARM.equals(state);
    }
}
