package io.fleetopt.analyzer.rules;

import java.math.BigDecimal;
import java.util.Locale;

/** How numbers read in a rationale: "1.2 M", "3,008 MB", "$8.78", "1.5 s". */
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
        if (value >= 10_000) {
            return String.format(Locale.ROOT, "%,.1f s", value / 1000);
        }
        return String.format(Locale.ROOT, "%,.0f ms", value);
    }

    static String usd(BigDecimal value) {
        return String.format(Locale.ROOT, "$%,.2f", value);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
