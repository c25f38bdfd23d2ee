package io.fleetopt.notifier;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.GuardAlarm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardAlarmsTest {

    private static final int TIMEOUT_SECONDS = 10;

    @Test
    void guardsAMemoryCutWithErrorsAndDurationNearTheTimeout() {
        List<GuardAlarm> alarms = GuardAlarms.forChange("arn:f", "f", RecommendationKind.MEMORY, TIMEOUT_SECONDS);
        assertEquals(List.of("fleetopt-f-errors", "fleetopt-f-near-timeout"), alarms.stream().map(GuardAlarm::name).toList());
        assertEquals(9000.0, alarms.get(1).threshold(), "90 % of the 10 s timeout, in ms");
    }

    @Test
    void guardsAConcurrencyCapWithThrottles() {
        assertTrue(GuardAlarms.forChange("arn:f", "f", RecommendationKind.RESERVED_CONCURRENCY, TIMEOUT_SECONDS).stream()
                .anyMatch(a -> a.metricName().equals("Throttles")));
    }

    @Test
    void needsNoAlarmForALogRetentionChange() {
        assertTrue(GuardAlarms.forChange("arn:f", "f", RecommendationKind.LOG_RETENTION, TIMEOUT_SECONDS).isEmpty());
    }
}
