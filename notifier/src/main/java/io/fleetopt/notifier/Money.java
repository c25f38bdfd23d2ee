package io.fleetopt.notifier;

import java.math.BigDecimal;
import java.util.Locale;

/** Dollars as people read them: "$1,234.50", and a cost as "-$3.00". */
public final class Money {

    private Money() {
    }

    public static String usd(BigDecimal amount) {
        BigDecimal rounded = amount.setScale(2, java.math.RoundingMode.HALF_UP);
        String digits = String.format(Locale.ROOT, "%,.2f", rounded.abs());
        return (rounded.signum() < 0 ? "-$" : "$") + digits;
    }
}
