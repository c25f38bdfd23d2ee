package io.fleetopt.analyzer;

import io.fleetopt.core.model.FunctionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionPolicyTest {

    private static FunctionPolicy resolve(String tag, String value) {
        return FunctionPolicy.resolve(AnalyzerPolicy.defaults(), function("f").tag(tag, value).build().config());
    }

    @ParameterizedTest(name = "fleetopt:headroom={0} -> {1} %, problem: {2}")
    @CsvSource({
            "35,   35, false",
            "35%,  35, false",
            "0,    0,  false",
            "400,  400, false",
            "401,  20, true",
            "-5,   20, true",
            "lots, 20, true",
            "'',   20, true",
    })
    void readsTheHeadroomTagOrReportsItAndUsesThePolicy(String value, int headroom, boolean problem) {
        FunctionPolicy policy = resolve(FunctionPolicy.HEADROOM_TAG, value);
        assertEquals(headroom, policy.headroomPercent());
        assertEquals(problem, !policy.problems().isEmpty(), policy.problems().toString());
    }

    @ParameterizedTest(name = "fleetopt:min-memory={0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "128,   128",
            "10240, 10240",
            "127,   none",
            "10241, none",
            "1GB,   none",
    })
    void readsTheMinMemoryTagWithinLambdasLimits(String value, Integer minMemoryMb) {
        assertEquals(minMemoryMb, resolve(FunctionPolicy.MIN_MEMORY_TAG, value).minMemoryMb());
    }

    @Test
    void acceptsOnlyRetentionsCloudWatchAccepts() {
        assertEquals(365, resolve(FunctionPolicy.RETENTION_TAG, "365").retentionDays());
        FunctionPolicy bad = resolve(FunctionPolicy.RETENTION_TAG, "45");
        assertEquals(30, bad.retentionDays());
        assertEquals(List.of("tag fleetopt:retention-days=45 is ignored: it must be one of CloudWatch's retention periods "
                + "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]"),
                bad.problems());
    }

    @Test
    void treatsAnUnclearSkipTagAsASkip() {
        FunctionConfig unclear = function("f").tag("fleetopt:skip", "yes").build().config();
        assertTrue(FunctionPolicy.unclearSkipTag(unclear).isPresent());
        assertTrue(FunctionPolicy.unclearSkipTag(function("f").tag("fleetopt:skip", "False").build().config()).isEmpty());
        assertTrue(FunctionPolicy.unclearSkipTag(function("f").build().config()).isEmpty());
    }
}
