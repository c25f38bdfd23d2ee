package io.fleetopt.analyzer;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzerPolicyTest {

    @Test
    void bindsTheDocumentedDefaultsWhenNothingIsConfigured() {
        try (ApplicationContext context = ApplicationContext.run()) {
            AnalyzerPolicy policy = context.getBean(AnalyzerPolicy.class);
            assertEquals(AnalyzerPolicy.defaults(), policy);
        }
    }

    @Test
    void bindsRetentionByEnvironmentAndProductionEnvironmentsFromConfiguration() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "fleetopt.analyzer.retention-by-environment", "prod=180,staging=14",
                "fleetopt.analyzer.production-environments", "live",
                "fleetopt.analyzer.iac-managed", "apply"))) {
            AnalyzerPolicy policy = context.getBean(AnalyzerPolicy.class);
            assertEquals(180, policy.retentionDaysFor("prod"));
            assertEquals(14, policy.retentionDaysFor("staging"));
            assertEquals(30, policy.retentionDaysFor("dev"));
            assertTrue(policy.isProduction("live"));
            assertEquals(false, policy.iacManagedReportOnly());
        }
    }

    @Test
    void defaultsKeepProductionLogsNinetyDaysAndDevelopmentLogsSeven() {
        AnalyzerPolicy policy = AnalyzerPolicy.defaults();
        assertEquals(90, policy.retentionDaysFor("prod"));
        assertEquals(7, policy.retentionDaysFor("dev"));
        assertEquals(30, policy.retentionDaysFor(null));
    }

    @Test
    void rejectsARetentionCloudWatchDoesNotAcceptNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnalyzerPolicy(20, 7, 50, 3, 30,
                "prod=91", "env", "prod", "report-only", 100, 1.5, false, java.math.BigDecimal.ONE, "", 20, 50, 10));
        assertTrue(e.getMessage().contains("retention-by-environment"), e.getMessage());
    }

    @Test
    void rejectsAnUnreservedMinimumBelowLambdasOwnFloor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnalyzerPolicy(20, 7, 50, 3, 30,
                "", "env", "prod", "report-only", 99, 1.5, false, java.math.BigDecimal.ONE, "", 20, 50, 10));
        assertTrue(e.getMessage().contains("min-unreserved-concurrency"), e.getMessage());
    }

    @Test
    void rejectsAMalformedPriceOverrideNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnalyzerPolicy(20, 7, 50, 3, 30,
                "", "env", "prod", "report-only", 100, 1.5, false, java.math.BigDecimal.ONE, "us-east-1:gb=abc", 20, 50, 10));
        assertTrue(e.getMessage().contains("us-east-1:gb=abc"), e.getMessage());
    }

    @Test
    void bindsTheIncreaseThresholdAndRejectsOneOutsideItsRangeNamingTheKey() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("fleetopt.analyzer.min-increase-saving-percent", "25"))) {
            assertEquals(25, context.getBean(AnalyzerPolicy.class).minIncreaseSavingPercent());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnalyzerPolicy(20, 7, 50, 3, 30,
                "", "env", "prod", "report-only", 100, 1.5, false, java.math.BigDecimal.ONE, "", 20, 50, 0));
        assertEquals("fleetopt.analyzer.min-increase-saving-percent is 0, must be 1 to 90", e.getMessage());
    }
}
