package io.fleetopt.analyzer.rules;

import java.util.Locale;

/** How numbers read in a rationale: "1.2 M", "3,008", "$8.78". */
final class Numbers {

    private Numbers() {
    }

    static String count(double value) {
        if (value >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M", value / 1_000_000);
        }
        if (value >= 10_000) {
            return String.format(Locale.ROOT, "%.0f k", value / 1_000);
        }
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String mb(int value) {
        return String.format(Locale.ROOT, "%,d MB", value);
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%,.0f ms", value);
    }

    static String usd(java.math.BigDecimal value) {
        return String.format(Locale.ROOT, "$%,.2f", value);
    }
}
