package io.fleetopt.applier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fleetopt.core.port.AlarmStateChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * EventBridge's "CloudWatch Alarm State Change" event, the parts the rollback reads: the alarm's name, its new state
 * with CloudWatch's reason and time, its description (which carries the run and the function), and its account.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlarmStateChangeEvent(
        @Nullable @JsonProperty("detail-type") String detailType,
        @Nullable String source,
        @Nullable String account,
        @Nullable String region,
        @Nullable String time,
        @Nullable List<String> resources,
        @Nullable Detail detail) {

    public static final String DETAIL_TYPE = "CloudWatch Alarm State Change";
    public static final String SOURCE = "aws.cloudwatch";
    /** CloudWatch's state timestamps: 2026-11-04T10:05:00.123+0000. */
    private static final DateTimeFormatter STATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(@Nullable String alarmName, @Nullable State state, @Nullable Configuration configuration) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(@Nullable String value, @Nullable String reason, @Nullable String timestamp) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Configuration(@Nullable String description) {
    }

    /** The state change it reports; an event of another kind, or one without what is needed, is refused naming the field. */
    public AlarmStateChange toStateChange() {
        if (!SOURCE.equals(source) || !DETAIL_TYPE.equals(detailType)) {
            throw new IllegalArgumentException("the event is not a CloudWatch alarm state change: its source is '" + source
                    + "' and its detail-type '" + detailType + "' (expected " + SOURCE + " and " + DETAIL_TYPE + "); nothing was changed");
        }
        if (detail == null || detail.alarmName() == null || detail.alarmName().isBlank()) {
            throw new IllegalArgumentException("the alarm state change event has no detail.alarmName; nothing was changed");
        }
        if (detail.state() == null || detail.state().value() == null) {
            throw new IllegalArgumentException("the alarm state change event of " + detail.alarmName()
                    + " has no detail.state.value; nothing was changed");
        }
        return new AlarmStateChange(detail.alarmName(), detail.configuration() == null ? null : detail.configuration().description(),
                detail.state().value(), detail.state().reason(), at(), alarmAccount(), region);
    }

    /**
     * The alarm's account: the one in its ARN ({@code resources}: arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME), else
     * the event's. An event a member account's bus forwarded keeps that account in both.
     */
    private String alarmAccount() {
        if (resources != null) {
            for (String resource : resources) {
                String[] parts = resource == null ? new String[0] : resource.split(":", 7);
                if (parts.length >= 7 && "cloudwatch".equals(parts[2]) && "alarm".equals(parts[5])) {
                    return parts[4];
                }
            }
        }
        return account;
    }

    /** When the alarm changed state: the state's own timestamp, else the event's time. */
    private Instant at() {
        String stamp = detail.state().timestamp();
        try {
            if (stamp != null) {
                return OffsetDateTime.parse(stamp, STATE_TIME).toInstant();
            }
            if (time != null) {
                return Instant.parse(time);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the alarm state change event of " + detail.alarmName() + " has a time that is not "
                    + "a timestamp (detail.state.timestamp '" + stamp + "', time '" + time + "'); nothing was changed", e);
        }
        throw new IllegalArgumentException("the alarm state change event of " + detail.alarmName()
                + " has neither detail.state.timestamp nor time; nothing was changed");
    }
}
