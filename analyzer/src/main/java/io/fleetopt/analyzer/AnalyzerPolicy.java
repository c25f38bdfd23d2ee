package io.fleetopt.analyzer;

import io.fleetopt.core.model.LogRetentionDays;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.pricing.PriceOverride;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The analyzer's knobs (application.yml {@code fleetopt.analyzer.*} or FLEETOPT_ANALYZER_* variables).
 * A bad value stops the start with a message naming the key: policy is code, a guess would be unsafe.
 *
 * @param headroomPercent          memory kept above the observed maximum
 * @param minDays                  fewer days of data than this is thin evidence: nothing is reduced
 * @param minInvocations           fewer invocations in the lookback than this is thin evidence
 * @param timeoutSafetyFactor      timeout proposed as observed max duration times this
 * @param retentionDays            log retention proposed for log groups that never expire
 * @param retentionByEnvironment   comma-separated "environment=days" entries that replace {@code retentionDays} for that environment
 * @param environmentTag           the tag whose value names a function's environment
 * @param productionEnvironments   comma-separated environments whose functions get Active tracing
 * @param iacManaged               "report-only" (default) or "apply": what to do with CloudFormation/CDK-managed functions
 * @param minUnreservedConcurrency the account's unreserved concurrency never goes below this
 * @param concurrencyFactor        a reserved concurrency is sized as the demand times this
 * @param reservedConcurrencyApply reserved-concurrency items are APPLY (true) or REPORT_ONLY (false, default)
 * @param minMonthlySavingUsd      an arm64 candidate saving less than this a month is not listed; a memory cut saving
 *                                 less is reported, not applied
 * @param priceOverrides           comma-separated "region:field=usd" prices that replace the built-in table's
 * @param maxP99SlowdownPercent    the latency guard: a memory cut whose predicted p99 is more than this much slower is
 *                                 not proposed (predicted from a measured response or the CPU time)
 * @param maxMemoryStepPercent     without CPU time and without a measured response, a week's memory cut is at most this
 *                                 much of the current memory (50: at most halve)
 * @param minIncreaseSavingPercent a memory increase that a measured response predicts cheaper is proposed only when it
 *                                 saves at least this much of the function's cost (and {@code minMonthlySavingUsd})
 */
@ConfigurationProperties("fleetopt.analyzer")
public record AnalyzerPolicy(
        @Bindable(defaultValue = "20") int headroomPercent,
        @Bindable(defaultValue = "7") int minDays,
        @Bindable(defaultValue = "50") long minInvocations,
        @Bindable(defaultValue = "3") double timeoutSafetyFactor,
        @Bindable(defaultValue = "30") int retentionDays,
        @Bindable(defaultValue = "prod=90,dev=7") String retentionByEnvironment,
        @Bindable(defaultValue = "env") String environmentTag,
        @Bindable(defaultValue = "prod,production") String productionEnvironments,
        @Bindable(defaultValue = "report-only") String iacManaged,
        @Bindable(defaultValue = "100") int minUnreservedConcurrency,
        @Bindable(defaultValue = "1.5") double concurrencyFactor,
        @Bindable(defaultValue = "false") boolean reservedConcurrencyApply,
        @Bindable(defaultValue = "1.00") BigDecimal minMonthlySavingUsd,
        @Bindable(defaultValue = "") String priceOverrides,
        @Bindable(defaultValue = "20") int maxP99SlowdownPercent,
        @Bindable(defaultValue = "50") int maxMemoryStepPercent,
        @Bindable(defaultValue = "10") int minIncreaseSavingPercent) {

    public static final String IAC_REPORT_ONLY = "report-only";
    public static final String IAC_APPLY = "apply";

    public static AnalyzerPolicy defaults() {
        return new AnalyzerPolicy(20, 7, 50, 3, 30, "prod=90,dev=7", "env", "prod,production",
                IAC_REPORT_ONLY, 100, 1.5, false, new BigDecimal("1.00"), "", 20, 50, 10);
    }

    public AnalyzerPolicy {
        retentionByEnvironment = retentionByEnvironment == null ? "" : retentionByEnvironment;
        productionEnvironments = productionEnvironments == null ? "" : productionEnvironments;
        priceOverrides = priceOverrides == null ? "" : priceOverrides;
        require(headroomPercent >= 0 && headroomPercent <= 400, "headroom-percent", headroomPercent + "", "0 to 400");
        require(minDays >= 7, "min-days", minDays + "", "at least 7 (DESIGN's floor of evidence)");
        require(minInvocations >= 1, "min-invocations", minInvocations + "", "at least 1");
        require(timeoutSafetyFactor >= 1.5, "timeout-safety-factor", timeoutSafetyFactor + "", "at least 1.5");
        require(LogRetentionDays.isAllowed(retentionDays), "retention-days", retentionDays + "", LogRetentionDays.allowedText());
        require(IAC_REPORT_ONLY.equals(iacManaged) || IAC_APPLY.equals(iacManaged), "iac-managed", iacManaged, "report-only or apply");
        require(minUnreservedConcurrency >= 100, "min-unreserved-concurrency", minUnreservedConcurrency + "",
                "at least 100 (Lambda's own floor)");
        require(concurrencyFactor >= 1, "concurrency-factor", concurrencyFactor + "", "at least 1");
        require(minMonthlySavingUsd != null && minMonthlySavingUsd.signum() >= 0, "min-monthly-saving-usd",
                minMonthlySavingUsd + "", "zero or more");
        require(maxP99SlowdownPercent >= 0 && maxP99SlowdownPercent <= 1000, "max-p99-slowdown-percent",
                maxP99SlowdownPercent + "", "0 to 1000");
        require(maxMemoryStepPercent >= 1 && maxMemoryStepPercent <= 90, "max-memory-step-percent", maxMemoryStepPercent + "",
                "1 to 90");
        require(minIncreaseSavingPercent >= 1 && minIncreaseSavingPercent <= 90, "min-increase-saving-percent",
                minIncreaseSavingPercent + "", "1 to 90");
        retentionByEnvironmentMap(retentionByEnvironment);
        entries(priceOverrides).forEach(PriceOverride::parse);
    }

    public boolean iacManagedReportOnly() {
        return IAC_REPORT_ONLY.equals(iacManaged);
    }

    /** Days to keep the logs of a function in {@code environment} (may be null). */
    public int retentionDaysFor(@Nullable String environment) {
        if (environment == null) {
            return retentionDays;
        }
        return retentionByEnvironmentMap(retentionByEnvironment).getOrDefault(environment.toLowerCase(Locale.ROOT), retentionDays);
    }

    public boolean isProduction(@Nullable String environment) {
        return environment != null && entries(productionEnvironments).stream().anyMatch(e -> e.equalsIgnoreCase(environment));
    }

    /** The configured price overrides, one "region:field=usd" each. */
    public List<String> priceOverrideEntries() {
        return entries(priceOverrides);
    }

    /** A comma-separated setting as its entries (how lists travel in environment variables too). */
    static List<String> entries(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    private static Map<String, Integer> retentionByEnvironmentMap(String value) {
        Map<String, Integer> map = new TreeMap<>();
        for (String entry : entries(value)) {
            int equals = entry.indexOf('=');
            Integer days = null;
            if (equals > 0) {
                try {
                    days = Integer.valueOf(entry.substring(equals + 1).trim());
                } catch (NumberFormatException e) {
                    days = null;
                }
            }
            require(days != null && LogRetentionDays.isAllowed(days), "retention-by-environment", entry,
                    "environment=days with days one of " + LogRetentionDays.allowedText());
            map.put(entry.substring(0, equals).trim().toLowerCase(Locale.ROOT), days);
        }
        return map;
    }

    private static void require(boolean ok, String key, String value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("fleetopt.analyzer." + key + " is " + value + ", must be " + allowed);
        }
    }
}
