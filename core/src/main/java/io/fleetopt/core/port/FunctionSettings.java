package io.fleetopt.core.port;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/** The settings the applier can change, as they are live now. */
public record FunctionSettings(
        String functionArn,
        String revisionId,
        int memoryMb,
        int timeoutSeconds,
        @Nullable Integer reservedConcurrency,
        String tracingMode,
        @Nullable Integer logRetentionDays,
        Map<String, String> tags) {

    /** The live value of a setting in canonical form. */
    public String valueOf(RecommendationKind kind) {
        return switch (kind) {
            case MEMORY -> Integer.toString(memoryMb);
            case TIMEOUT -> Integer.toString(timeoutSeconds);
            case RESERVED_CONCURRENCY -> SettingValues.ofOptional(reservedConcurrency);
            case LOG_RETENTION -> SettingValues.ofRetention(logRetentionDays);
            case TRACING -> tracingMode;
            case PROVISIONED_CONCURRENCY, DLQ, ALARMS, RUNTIME, ARCHITECTURE, ERRORS ->
                    throw new IllegalArgumentException(kind + " is not a setting the applier changes");
        };
    }
}
