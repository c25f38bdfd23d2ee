package io.fleetopt.core.pricing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PricingTest {

    private final Pricing pricing = Pricing.standard();

    @Test
    void pricesAMillionOneSecondInvocationsAtOneGigabyte() {
        assertEquals(new BigDecimal("16.67"), Pricing.cents(pricing.computeUsd(1_000_000, 1000, 1024, "x86_64")));
        assertEquals(new BigDecimal("13.33"), Pricing.cents(pricing.computeUsd(1_000_000, 1000, 1024, "arm64")));
        assertEquals(new BigDecimal("0.20"), Pricing.cents(pricing.requestsUsd(1_000_000)));
    }

    @Test
    void pricesProvisionedConcurrencyLogsAlarmsAndTraces() {
        assertEquals(new BigDecimal("10.80"), Pricing.cents(pricing.provisionedMonthlyUsd(1, 1024)));
        assertEquals(new BigDecimal("0.03"), Pricing.cents(pricing.logStorageMonthlyUsd(1024L * 1024 * 1024)));
        assertEquals(new BigDecimal("0.30"), Pricing.cents(pricing.alarmsMonthlyUsd(3)));
        assertEquals(new BigDecimal("5.00"), Pricing.cents(pricing.xrayUsd(1_000_000)));
    }

    @Test
    void reckonsInTheFunctionsRegion() {
        assertEquals(new BigDecimal("0.0324"), pricing.in("eu-central-1").prices().logStorageGbMonthUsd());
        assertTrue(pricing.hasTableFor("eu-west-1"));
    }

    @Test
    void pricesARegionWithoutATableAsUsEast1AndSaysSo() {
        Pricing far = pricing.in("ap-southeast-4");
        assertFalse(pricing.hasTableFor("ap-southeast-4"));
        assertEquals(pricing.prices().x86GbSecondUsd(), far.prices().x86GbSecondUsd());
        assertEquals("ap-southeast-4 (priced as us-east-1)", far.prices().region());
    }

    @Test
    void appliesConfiguredPricesToTheirRegionOnly() {
        Pricing configured = pricing.withOverrides(List.of("eu-west-1:x86-gb-second=0.000015", "eu-west-1:alarm-month=0.3"));
        assertEquals(new BigDecimal("0.000015"), configured.in("eu-west-1").prices().x86GbSecondUsd());
        assertEquals(new BigDecimal("0.3"), configured.in("eu-west-1").prices().alarmMonthUsd());
        assertEquals(new BigDecimal("0.0000166667"), configured.in("us-east-1").prices().x86GbSecondUsd());
    }

    @Test
    void rejectsAPriceOverrideItCannotReadWithAMessageNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PriceOverride.parse("eu-west-1:gb-second=1"))
                .getMessage().contains("x86-gb-second"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PriceOverride.parse("x86-gb-second=1"))
                .getMessage().contains("region:field=usd"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PriceOverride.parse("eu-west-1:alarm-month=-1"))
                .getMessage().contains("negative"));
    }

    @Test
    void scalesAnAmountToThirtyDays() {
        assertEquals(new BigDecimal("30.00"), Pricing.cents(Pricing.monthly(new BigDecimal("14"), 14)));
    }
}
