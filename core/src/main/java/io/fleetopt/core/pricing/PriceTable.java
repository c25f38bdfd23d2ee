package io.fleetopt.core.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The prices fleetopt reckons with in one region, and the day they were read off the public price lists.
 * First price tier (no volume discount, no free tier) unless configuration overrides a price.
 */
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

    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

    /** US East (N. Virginia), first price tier, from the public Lambda, CloudWatch and X-Ray price lists. */
    public static PriceTable usEast1() {
        return standardLambda("us-east-1", "0.03");
    }

    /** The regions with a built-in table; any other region is priced with us-east-1 and says so. */
    public static List<PriceTable> builtIn() {
        return List.of(usEast1(), standardLambda("us-east-2", "0.03"), standardLambda("us-west-2", "0.03"),
                standardLambda("eu-west-1", "0.03"), standardLambda("eu-central-1", "0.0324"));
    }

    /** Regions that share the Lambda list prices of us-east-1; only log storage differs between them. */
    private static PriceTable standardLambda(String region, String logStorageGbMonthUsd) {
        return new PriceTable(region, AS_OF,
                new BigDecimal("0.0000166667"),
                new BigDecimal("0.0000133334"),
                new BigDecimal("0.20"),
                new BigDecimal("0.0000041667"),
                new BigDecimal(logStorageGbMonthUsd),
                new BigDecimal("0.10"),
                new BigDecimal("5.00"));
    }

    /** This table with one price replaced, as configuration asks. */
    public PriceTable with(PriceOverride.Field field, BigDecimal value) {
        return new PriceTable(region, asOf,
                field == PriceOverride.Field.X86_GB_SECOND ? value : x86GbSecondUsd,
                field == PriceOverride.Field.ARM64_GB_SECOND ? value : arm64GbSecondUsd,
                field == PriceOverride.Field.MILLION_REQUESTS ? value : perMillionRequestsUsd,
                field == PriceOverride.Field.PROVISIONED_GB_SECOND ? value : provisionedGbSecondUsd,
                field == PriceOverride.Field.LOG_STORAGE_GB_MONTH ? value : logStorageGbMonthUsd,
                field == PriceOverride.Field.ALARM_MONTH ? value : alarmMonthUsd,
                field == PriceOverride.Field.XRAY_MILLION_TRACES ? value : xrayPerMillionTracesUsd);
    }
}
