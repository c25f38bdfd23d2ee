package io.fleetopt.core.change;

/**
 * The alarms that guard a changed function: errors, a duration near the timeout, throttles, the duration p99 against
 * the function's own p99 before the change, the max memory used (Lambda Insights only), and its SQS dead-letter
 * queue's depth. Which of them a function gets is {@link GuardAlarmCoverage}'s one rule.
 */
public enum GuardAlarmKind {
    ERRORS("Errors", "errors"),
    NEAR_TIMEOUT("Duration near timeout", "near-timeout"),
    THROTTLES("Throttles", "throttles"),
    P99_SLOWDOWN("Duration p99 over its baseline", "p99-slowdown"),
    MAX_MEMORY_USED("Max memory used", "max-memory"),
    DLQ_DEPTH("Dead-letter queue depth", "dlq-depth");

    private final String label;
    private final String nameSuffix;

    GuardAlarmKind(String label, String nameSuffix) {
        this.label = label;
        this.nameSuffix = nameSuffix;
    }

    /** How the plan lists it ("Duration p99 over its baseline"). */
    public String label() {
        return label;
    }

    /** The end of the alarm's name: {@code fleetopt-<function>-<suffix>}. */
    public String nameSuffix() {
        return nameSuffix;
    }
}
