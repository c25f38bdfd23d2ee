package io.fleetopt.notifier;

/**
 * When a memory change has run long enough to teach its response ({@code fleetopt.notifier.learning.*}): at least
 * {@code minInvocations} invocations and {@code minHours} hours since the change.
 */
public record LearningPolicy(long minInvocations, int minHours) {

    public static final long DEFAULT_MIN_INVOCATIONS = 1000;
    public static final int DEFAULT_MIN_HOURS = 24;

    public LearningPolicy {
        if (minInvocations < 1) {
            throw new IllegalArgumentException("fleetopt.notifier.learning.min-invocations is " + minInvocations + ", must be at least 1");
        }
        if (minHours < 24 || minHours % 24 != 0) {
            throw new IllegalArgumentException("fleetopt.notifier.learning.min-hours is " + minHours
                    + ", must be whole days of at least 24 (usage is read by day)");
        }
    }

    public static LearningPolicy defaults() {
        return new LearningPolicy(DEFAULT_MIN_INVOCATIONS, DEFAULT_MIN_HOURS);
    }
}
