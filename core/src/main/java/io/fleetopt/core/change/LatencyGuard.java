package io.fleetopt.core.change;

import java.util.Locale;

/**
 * The latency guard of the policy, {@value #PROPERTY} (default {@value #DEFAULT_PERCENT}): after a change, a
 * function's duration p99 may be at most this much slower than its own p99 before the change. The guard alarm's
 * threshold is computed here, and only here.
 */
public record LatencyGuard(int maxP99SlowdownPercent) {

    public static final String PROPERTY = "fleetopt.analyzer.max-p99-slowdown-percent";
    public static final int DEFAULT_PERCENT = 20;

    public LatencyGuard {
        if (maxP99SlowdownPercent < 0 || maxP99SlowdownPercent > 1000) {
            throw new IllegalArgumentException(PROPERTY + " must be a whole percentage from 0 to 1000, got " + maxP99SlowdownPercent);
        }
    }

    public static LatencyGuard defaults() {
        return new LatencyGuard(DEFAULT_PERCENT);
    }

    /** The p99 (ms) above which the change counts as a regression: the baseline times (1 + percent / 100). */
    public double thresholdMs(double baselineP99Ms) {
        return Math.round(baselineP99Ms * (100 + maxP99SlowdownPercent)) / 100.0;
    }

    /** "20 %" */
    public String percentText() {
        return String.format(Locale.ROOT, "%d %%", maxP99SlowdownPercent);
    }
}
