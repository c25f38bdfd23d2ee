package io.fleetopt.core.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All price arithmetic in one place. Amounts are BigDecimal dollars; nothing here uses double for money.
 * A Pricing holds the table of every known region and reckons in one of them ({@link #in(String)}).
 */
public final class Pricing {

    public static final int DAYS_PER_MONTH = 30;
    public static final String DEFAULT_REGION = "us-east-1";
    private static final BigDecimal MB_PER_GB = BigDecimal.valueOf(1024);
    private static final BigDecimal MS_PER_SECOND = BigDecimal.valueOf(1000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1024L * 1024 * 1024);
    private static final BigDecimal SECONDS_PER_MONTH = BigDecimal.valueOf(DAYS_PER_MONTH * 24L * 3600);
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private final Map<String, PriceTable> tables;
    private final PriceTable prices;

    public Pricing(PriceTable prices) {
        this(Map.of(prices.region(), prices), prices);
    }

    private Pricing(Map<String, PriceTable> tables, PriceTable prices) {
        this.tables = tables;
        this.prices = prices;
    }

    /** Every built-in region, reckoning in us-east-1. */
    public static Pricing standard() {
        Map<String, PriceTable> tables = new TreeMap<>();
        PriceTable.builtIn().forEach(t -> tables.put(t.region(), t));
        return new Pricing(Map.copyOf(tables), tables.get(DEFAULT_REGION));
    }

    /** These prices with configured overrides ("region:field=usd"); an override for a new region starts from us-east-1. */
    public Pricing withOverrides(List<String> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        Map<String, PriceTable> changed = new TreeMap<>(tables);
        for (String entry : overrides) {
            PriceOverride override = PriceOverride.parse(entry);
            PriceTable base = changed.getOrDefault(override.region(), fallbackFor(override.region()));
            changed.put(override.region(), base.with(override.field(), override.usd()));
        }
        return new Pricing(Map.copyOf(changed), changed.getOrDefault(prices.region(), prices));
    }

    /** The same tables, reckoning in {@code region}; a region without a table is priced as us-east-1. */
    public Pricing in(String region) {
        if (region.equals(prices.region())) {
            return this;
        }
        return new Pricing(tables, tables.getOrDefault(region, fallbackFor(region)));
    }

    /** True when the current region has its own table rather than us-east-1's prices. */
    public boolean hasTableFor(String region) {
        return tables.containsKey(region);
    }

    private PriceTable fallbackFor(String region) {
        PriceTable base = tables.getOrDefault(DEFAULT_REGION, prices);
        return new PriceTable(region + " (priced as " + base.region() + ")", base.asOf(), base.x86GbSecondUsd(),
                base.arm64GbSecondUsd(), base.perMillionRequestsUsd(), base.provisionedGbSecondUsd(),
                base.logStorageGbMonthUsd(), base.alarmMonthUsd(), base.xrayPerMillionTracesUsd());
    }

    public PriceTable prices() {
        return prices;
    }

    /** Duration cost of {@code invocations} running {@code averageDurationMs} each at {@code memoryMb}. */
    public BigDecimal computeUsd(long invocations, double averageDurationMs, int memoryMb, String architecture) {
        BigDecimal gbSeconds = BigDecimal.valueOf(invocations)
                .multiply(BigDecimal.valueOf(averageDurationMs), PRECISION)
                .divide(MS_PER_SECOND, PRECISION)
                .multiply(BigDecimal.valueOf(memoryMb), PRECISION)
                .divide(MB_PER_GB, PRECISION);
        return gbSeconds.multiply(gbSecondPrice(architecture), PRECISION);
    }

    public BigDecimal requestsUsd(long invocations) {
        return BigDecimal.valueOf(invocations).multiply(prices.perMillionRequestsUsd()).divide(MILLION, PRECISION);
    }

    /** A month of provisioned concurrency kept warm. */
    public BigDecimal provisionedMonthlyUsd(int concurrency, int memoryMb) {
        return BigDecimal.valueOf(concurrency)
                .multiply(BigDecimal.valueOf(memoryMb)).divide(MB_PER_GB, PRECISION)
                .multiply(SECONDS_PER_MONTH).multiply(prices.provisionedGbSecondUsd(), PRECISION);
    }

    /** A month of storing {@code bytes} of logs. */
    public BigDecimal logStorageMonthlyUsd(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BYTES_PER_GB, PRECISION).multiply(prices.logStorageGbMonthUsd(), PRECISION);
    }

    /** A month of {@code count} standard-resolution metric alarms. */
    public BigDecimal alarmsMonthlyUsd(int count) {
        return prices.alarmMonthUsd().multiply(BigDecimal.valueOf(count));
    }

    /** Recording {@code traces} X-Ray traces. */
    public BigDecimal xrayUsd(long traces) {
        return BigDecimal.valueOf(traces).multiply(prices.xrayPerMillionTracesUsd()).divide(MILLION, PRECISION);
    }

    /** Scales an amount measured over {@code days} to a 30-day month. */
    public static BigDecimal monthly(BigDecimal amountOverDays, int days) {
        return amountOverDays.multiply(BigDecimal.valueOf(DAYS_PER_MONTH)).divide(BigDecimal.valueOf(days), PRECISION);
    }

    /** Rounds to cents, as shown to people and totalled in plans. */
    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private BigDecimal gbSecondPrice(String architecture) {
        return "arm64".equals(architecture) ? prices.arm64GbSecondUsd() : prices.x86GbSecondUsd();
    }
}
