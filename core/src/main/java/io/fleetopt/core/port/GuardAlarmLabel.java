package io.fleetopt.core.port;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run and the function a guard alarm guards, as its description ends: {@code [fleetopt run=RUN function=ARN]}.
 * CloudWatch sends the description in every alarm state change event (tags it does not), so the rollback reads them
 * from there; a description without it is not a fleetopt guard alarm.
 */
public record GuardAlarmLabel(String runId, String functionArn) {

    private static final Pattern LABEL = Pattern.compile(
            "\\[fleetopt run=([A-Za-z0-9._-]{1,100}) function=(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,140})]$");

    public static String describe(String reason, String runId, String functionArn) {
        return reason + " [fleetopt run=" + runId + " function=" + functionArn + "]";
    }

    /** The label at the end of {@code description}, or empty when there is none. */
    public static Optional<GuardAlarmLabel> parse(String description) {
        if (description == null) {
            return Optional.empty();
        }
        Matcher m = LABEL.matcher(description.strip());
        return m.find() ? Optional.of(new GuardAlarmLabel(m.group(1), m.group(2))) : Optional.empty();
    }
}
