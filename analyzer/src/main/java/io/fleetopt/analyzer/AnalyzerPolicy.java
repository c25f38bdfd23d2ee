package io.fleetopt.analyzer;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The analyzer's knobs (application.yml {@code fleetopt.analyzer.*} or FLEETOPT_ANALYZER_* variables).
 *
 * @param headroomPercent      memory kept above the observed maximum
 * @param minDays              fewer days of data than this is thin evidence: nothing is reduced
 * @param minInvocations       fewer invocations in the lookback than this is thin evidence
 * @param timeoutSafetyFactor  timeout proposed as observed max duration times this
 * @param retentionDays        log retention proposed for log groups that never expire
 * @param iacManagedReportOnly changes to CloudFormation/CDK-managed functions are only reported
 */
@ConfigurationProperties("fleetopt.analyzer")
public record AnalyzerPolicy(
        @Bindable(defaultValue = "20") int headroomPercent,
        @Bindable(defaultValue = "7") int minDays,
        @Bindable(defaultValue = "50") long minInvocations,
        @Bindable(defaultValue = "3") double timeoutSafetyFactor,
        @Bindable(defaultValue = "30") int retentionDays,
        @Bindable(defaultValue = "true") boolean iacManagedReportOnly) {

    public static AnalyzerPolicy defaults() {
        return new AnalyzerPolicy(20, 7, 50, 3, 30, true);
    }

    public AnalyzerPolicy {
        require(headroomPercent >= 0 && headroomPercent <= 400, "headroom-percent", headroomPercent + "", "0 to 400");
        require(minDays >= 7, "min-days", minDays + "", "at least 7 (DESIGN's floor of evidence)");
        require(minInvocations >= 1, "min-invocations", minInvocations + "", "at least 1");
        require(timeoutSafetyFactor >= 1.5, "timeout-safety-factor", timeoutSafetyFactor + "", "at least 1.5");
        require(retentionDays >= 1, "retention-days", retentionDays + "", "at least 1");
    }

    private static void require(boolean ok, String key, String value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("fleetopt.analyzer." + key + " is " + value + ", must be " + allowed);
        }
    }
}
