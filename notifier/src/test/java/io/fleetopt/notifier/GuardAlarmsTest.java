package io.fleetopt.notifier;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.GuardAlarm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardAlarmsTest {

    private static final FunctionSettings LIVE = new FunctionSettings("arn:f", "r", 512, 10, null, "PassThrough", 30, Map.of());

    @Test
    void guardsAMemoryCutWithErrorsAndDurationNearTheTimeout() {
        List<GuardAlarm> alarms = GuardAlarms.forChange("arn:f", "f", RecommendationKind.MEMORY, LIVE);
        assertEquals(List.of("fleetopt-f-errors", "fleetopt-f-near-timeout"), alarms.stream().map(GuardAlarm::name).toList());
        assertEquals(9000.0, alarms.get(1).threshold(), "90 % of the 10 s timeout, in ms");
    }

    @Test
    void guardsAConcurrencyCapWithThrottles() {
        assertTrue(GuardAlarms.forChange("arn:f", "f", RecommendationKind.RESERVED_CONCURRENCY, LIVE).stream()
                .anyMatch(a -> a.metricName().equals("Throttles")));
    }

    @Test
    void needsNoAlarmForALogRetentionChange() {
        assertTrue(GuardAlarms.forChange("arn:f", "f", RecommendationKind.LOG_RETENTION, LIVE).isEmpty());
    }
}
