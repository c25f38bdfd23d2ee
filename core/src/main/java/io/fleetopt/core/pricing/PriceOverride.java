package io.fleetopt.core.pricing;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One configured price, written {@code region:field=usd}, for example {@code us-east-1:x86-gb-second=0.0000150000}
 * (a negotiated rate or a later price tier). A malformed entry is a configuration error with a message that
 * names it.
 */
public record PriceOverride(String region, Field field, BigDecimal usd) {

    public enum Field {
        X86_GB_SECOND, ARM64_GB_SECOND, MILLION_REQUESTS, PROVISIONED_GB_SECOND, LOG_STORAGE_GB_MONTH,
        ALARM_MONTH, XRAY_MILLION_TRACES;

        String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static String keys() {
            return Arrays.stream(values()).map(Field::key).collect(Collectors.joining(", "));
        }
    }

    public static PriceOverride parse(String entry) {
        int colon = entry.indexOf(':');
        int equals = entry.indexOf('=');
        if (colon <= 0 || equals < colon + 2) {
            throw new IllegalArgumentException("price override '" + entry + "' must look like region:field=usd, e.g. us-east-1:x86-gb-second=0.000015");
        }
        String region = entry.substring(0, colon).trim();
        String key = entry.substring(colon + 1, equals).trim();
        Field field = Arrays.stream(Field.values()).filter(f -> f.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("price override '" + entry + "' names an unknown price '"
                        + key + "'; known: " + Field.keys()));
        BigDecimal usd;
        try {
            usd = new BigDecimal(entry.substring(equals + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("price override '" + entry + "' has no decimal amount after '='", e);
        }
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("price override '" + entry + "' must not be negative");
        }
        return new PriceOverride(region, field, usd);
    }
}
