package io.fleetopt.infra;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetoptSettingsTest {

    @Test
    void withOnlyApproversItRunsWeeklyOnMondayAtSixUtcAndWaitsSeventyTwoHours() {
        FleetoptSettings settings = FleetoptSettings.fromContext(Map.<String, Object>of("approverEmails", "ops@example.com")::get,
                "eu-central-1");

        assertEquals(List.of("ops@example.com"), settings.approverEmails());
        assertEquals("cron(0 6 ? * MON *)", settings.schedule());
        assertEquals(72 * 3600, settings.approvalTimeoutSeconds());
        assertEquals(List.of("eu-central-1"), settings.regions());
        assertEquals(List.of(), settings.autoApproveRisks());
        assertEquals(List.of(), settings.scopeTags());
        assertEquals(30, settings.logRetentionDays());
    }

    @Test
    void readsCommaSeparatedContextValuesAndJsonListsAlike() {
        FleetoptSettings settings = FleetoptSettings.fromContext(Map.<String, Object>of(
                "approverEmails", List.of("a@example.com", "b@example.com"),
                "scopeTags", "team=payments, env=prod",
                "namePatterns", "orders-*,payments-*",
                "regions", "us-east-1,eu-west-1",
                "autoApproveRisks", "low",
                "approvalTimeoutHours", "24",
                "logRetentionDays", 14)::get, "us-east-1");

        assertEquals(List.of("a@example.com", "b@example.com"), settings.approverEmails());
        assertEquals(List.of("team=payments", "env=prod"), settings.scopeTags());
        assertEquals(List.of("orders-*", "payments-*"), settings.namePatterns());
        assertEquals(List.of("us-east-1", "eu-west-1"), settings.regions());
        assertEquals(List.of("LOW"), settings.autoApproveRisks());
        assertEquals(24 * 3600, settings.approvalTimeoutSeconds());
        assertEquals(14, settings.logRetentionDays());
    }

    @Test
    void refusesToDeployWithoutAnApproverAndSaysHowToGiveOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FleetoptSettings.fromContext(Map.<String, Object>of()::get, "us-east-1"));
        assertTrue(e.getMessage().contains("approverEmails") && e.getMessage().contains("-c approverEmails="), e.getMessage());
    }

    @Test
    void rejectsValuesItCannotDeployNamingTheContextKey() {
        Map<String, Map<String, Object>> wrong = Map.of(
                "autoApproveRisks", Map.of("approverEmails", "a@example.com", "autoApproveRisks", "SOMETIMES"),
                "logRetentionDays", Map.of("approverEmails", "a@example.com", "logRetentionDays", "10"),
                "scopeTags", Map.of("approverEmails", "a@example.com", "scopeTags", "team"),
                "approvalTimeoutHours", Map.of("approverEmails", "a@example.com", "approvalTimeoutHours", "soon"));
        wrong.forEach((key, context) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FleetoptSettings.fromContext(context::get, "us-east-1"), key);
            assertTrue(e.getMessage().contains(key), e.getMessage());
        });
    }
}
