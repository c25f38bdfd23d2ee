package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.MemorySample;

/**
 * The rule for memory read from a sample of REPORT lines, in one place. A sample's maximum is a lower bound of the
 * window's: an invocation it did not read may have used more. So a sample never cuts memory by itself: its item is
 * REPORT_ONLY, for the owner to confirm (with Lambda Insights, or by allowing Logs Insights). The memory it shows
 * keeps, on top of the usual headroom, a margin for what the sample may have missed: 50 % at 1,000 lines, shrinking
 * with the square root of the sample's size (the spread of a high quantile's estimate shrinks that way), never
 * below 20 % and never above 200 %: 158 % at 100 lines → capped at 200 % below 63 lines, 20 % from 6,250 lines.
 */
public final class SampleMargin {

    static final int REFERENCE_LINES = 1_000;
    static final double REFERENCE_MARGIN_PERCENT = 50;
    static final int MIN_MARGIN_PERCENT = 20;
    static final int MAX_MARGIN_PERCENT = 200;

    private SampleMargin() {
    }

    /** The extra headroom, in percent, a floor from a sample of this size keeps. */
    public static int marginPercent(MemorySample sample) {
        long lines = Math.max(1, sample.reportLines());
        double margin = REFERENCE_MARGIN_PERCENT * Math.sqrt((double) REFERENCE_LINES / lines);
        return (int) Math.min(MAX_MARGIN_PERCENT, Math.max(MIN_MARGIN_PERCENT, Math.ceil(margin)));
    }
}
