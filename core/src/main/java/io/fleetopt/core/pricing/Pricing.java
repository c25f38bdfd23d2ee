package io.fleetopt.core.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** All price arithmetic in one place. Amounts are BigDecimal dollars; nothing here uses double for money. */
public final class Pricing {

    public static final int DAYS_PER_MONTH = 30;
    private static final BigDecimal MB_PER_GB = BigDecimal.valueOf(1024);
    private static final BigDecimal MS_PER_SECOND = BigDecimal.valueOf(1000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1024L * 1024 * 1024);
    private static final BigDecimal SECONDS_PER_MONTH = BigDecimal.valueOf(DAYS_PER_MONTH * 24L * 3600);
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private final PriceTable prices;

    public Pricing(PriceTable prices) {
        this.prices = prices;
    }

    public static Pricing standard() {
        return new Pricing(PriceTable.usEast1());
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
