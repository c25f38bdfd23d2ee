package io.fleetopt.core.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The prices fleetopt reckons with in one region, and the day they were read off the price list. */
public record PriceTable(
        String region,
        LocalDate asOf,
        BigDecimal x86GbSecondUsd,
        BigDecimal arm64GbSecondUsd,
        BigDecimal perMillionRequestsUsd,
        BigDecimal provisionedGbSecondUsd,
        BigDecimal logStorageGbMonthUsd,
        BigDecimal alarmMonthUsd,
        BigDecimal xrayPerMillionTracesUsd) {

    /** US East (N. Virginia), first price tier, from the public Lambda, CloudWatch and X-Ray price lists. */
    public static PriceTable usEast1() {
        return new PriceTable("us-east-1", LocalDate.of(2026, 11, 1),
                new BigDecimal("0.0000166667"),
                new BigDecimal("0.0000133334"),
                new BigDecimal("0.20"),
                new BigDecimal("0.0000041667"),
                new BigDecimal("0.03"),
                new BigDecimal("0.10"),
                new BigDecimal("5.00"));
    }
}
