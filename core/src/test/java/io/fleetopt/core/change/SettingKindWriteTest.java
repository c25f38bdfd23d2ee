package io.fleetopt.core.change;

import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.port.FunctionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each kind writes its own setting, reads back what it wrote, and leaves every other setting as it was. */
class SettingKindWriteTest {

    private static final FunctionSettings LIVE = new FunctionSettings("arn:aws:lambda:us-east-1:123456789012:function:f",
            "rev-1", 1024, 30, 10, "PassThrough", 14, Map.of("team", "a"));

    static Stream<Arguments> writes() {
        return Stream.of(Arguments.of(new MemorySetting(), "512"), Arguments.of(new TimeoutSetting(), "12"),
                Arguments.of(new ReservedConcurrencySetting(), "5"), Arguments.of(new ReservedConcurrencySetting(), "none"),
                Arguments.of(new LogRetentionSetting(), "30"), Arguments.of(new LogRetentionSetting(), "never"),
                Arguments.of(new TracingSetting(), "Active"));
    }

    private static FunctionConfig recorded(List<String> unknownFields) {
        return new FunctionConfig("java21", "arm64", 1024, 30, 10, null, "PassThrough", null, null, "/aws/lambda/f", 14, 2048L,
                Map.of("team", "a"), null, "rev-1", null, unknownFields);
    }

    @Test
    void eachKindReadsTheValueTheSnapshotRecordedAsItReadsTheLiveOne() {
        for (SettingKind kind : SettingKinds.ALL) {
            assertEquals(Optional.of(kind.liveValue(LIVE)), kind.recordedValue(recorded(List.of())), kind.kind().toString());
        }
    }

    @Test
    void aValueTheSnapshotCouldNotReadIsNotRecorded() {
        FunctionConfig unread = recorded(List.of("reservedConcurrency", "logRetentionDays"));
        assertEquals(Optional.empty(), new ReservedConcurrencySetting().recordedValue(unread));
        assertEquals(Optional.empty(), new LogRetentionSetting().recordedValue(unread));
        assertEquals(Optional.of("1024"), new MemorySetting().recordedValue(unread));
    }

    @ParameterizedTest(name = "{0} written as {1}")
    @MethodSource("writes")
    void aKindWritesOnlyItsOwnSettingAndReadsItBack(SettingKind kind, String value) {
        FunctionSettings written = kind.withValue(LIVE, value);
        assertEquals(value, kind.liveValue(written));
        for (SettingKind other : SettingKinds.ALL) {
            if (other.kind() != kind.kind()) {
                assertEquals(other.liveValue(LIVE), other.liveValue(written), other.kind() + " after writing " + kind.kind());
            }
        }
        assertEquals(LIVE.revisionId(), written.revisionId());
        assertEquals(LIVE.tags(), written.tags());
    }
}
