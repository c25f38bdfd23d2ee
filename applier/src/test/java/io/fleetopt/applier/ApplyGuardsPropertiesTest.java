package io.fleetopt.applier;

import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.scope.Scope;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guards' invariants over any evidence and any proposed value, not only the table's cases. */
class ApplyGuardsPropertiesTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders-api";

    private static ApplyGuards guards(int headroomPercent) {
        return new ApplyGuards(new GuardSettings(List.of("us-east-1"), Scope.everything(), "fleetopt-", headroomPercent, 1.5, 100));
    }

    private static FunctionProfile profile(int maxUsedMb, double maxDurationMs, int peak) {
        FunctionConfig config = new FunctionConfig("java21", "x86_64", 10_240, 900, null, null, "PassThrough", null, null,
                "/aws/lambda/orders-api", null, null, Map.of(), null, "rev-1", null, List.of());
        FunctionMetrics metrics = new FunctionMetrics(14, 1_000, 0, 0, maxDurationMs / 2, null, null, maxDurationMs, peak,
                null, null, maxUsedMb, MemorySource.LAMBDA_INSIGHTS, null, List.of());
        return new FunctionProfile(ARN, "orders-api", "us-east-1", config, metrics, List.of());
    }

    private static FunctionSettings live(Integer reserved) {
        return new FunctionSettings(ARN, "rev-1", 10_240, 900, reserved, "PassThrough", null, Map.of());
    }

    @Property
    void aMemoryCutIsAllowedExactlyWhenItKeepsMaxUsedPlusHeadroomWithinLambdasLimits(
            @ForAll @IntRange(min = 1, max = 10_240) int maxUsedMb, @ForAll @IntRange(min = 0, max = 400) int headroomPercent,
            @ForAll @IntRange(min = -10, max = 12_000) int proposedMb) {
        boolean allowed = guards(headroomPercent).refusalToApply(new ProposedChange(ARN, "orders-api", RecommendationKind.MEMORY,
                Integer.toString(proposedMb)), live(null), profile(maxUsedMb, 1_000, 1), () -> new AccountConcurrency(1000, 1000)).isEmpty();
        int floor = ApplyGuards.memoryFloorMb(maxUsedMb, headroomPercent);
        boolean withinLimits = proposedMb >= 128 && proposedMb <= 10_240;
        assertEquals(withinLimits && (proposedMb >= 10_240 || proposedMb >= floor), allowed);
        assertTrue(floor >= maxUsedMb && floor >= 128, "the floor is never below what the function used");
    }

    @Property
    void aTimeoutCutIsNeverAllowedBelowOneAndAHalfTimesTheLongestInvocation(
            @ForAll @IntRange(min = 1, max = 600_000) int maxDurationMs, @ForAll @IntRange(min = 1, max = 900) int proposedSeconds) {
        boolean allowed = guards(20).refusalToApply(new ProposedChange(ARN, "orders-api", RecommendationKind.TIMEOUT,
                Integer.toString(proposedSeconds)), live(null), profile(512, maxDurationMs, 1), () -> new AccountConcurrency(1000, 1000)).isEmpty();
        if (proposedSeconds < 900) {
            assertEquals(proposedSeconds * 1000.0 >= maxDurationMs * 1.5, allowed, proposedSeconds + " s for " + maxDurationMs + " ms");
        }
    }

    @Property
    void reservedConcurrencyNeverLeavesTheAccountLessThanOneHundredUnreservedNorThrottlesThePeak(
            @ForAll @IntRange(min = 100, max = 3_000) int unreserved, @ForAll @IntRange(min = 0, max = 500) int liveReserved,
            @ForAll @IntRange(min = -1, max = 3_000) int proposed, @ForAll @IntRange(min = 0, max = 600) int peak) {
        Integer live = liveReserved == 0 ? null : liveReserved;
        String value = proposed == -1 ? SettingValues.NONE : Integer.toString(proposed);
        boolean allowed = guards(20).refusalToApply(new ProposedChange(ARN, "orders-api", RecommendationKind.RESERVED_CONCURRENCY,
                value), live(live), profile(512, 1_000, peak), () -> new AccountConcurrency(unreserved + 500, unreserved)).isEmpty();
        if (allowed && proposed != -1) {
            assertTrue(proposed >= 1, "never 0");
            assertTrue(proposed <= liveReserved || unreserved + liveReserved - proposed >= 100, "keeps 100 unreserved");
            assertTrue(proposed >= liveReserved && live != null || proposed >= peak, "not below the peak when lowered or first set");
        }
    }
}
