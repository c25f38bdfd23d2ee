package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * A function's configuration as listed. Nullable fields mean "not set" (no reserved concurrency,
 * log retention never expires, no DLQ); a field that could not be read is named in {@code unknownFields}.
 */
@Serdeable
public record FunctionConfig(
        String runtime,
        String architecture,
        int memoryMb,
        int timeoutSeconds,
        @Nullable Integer reservedConcurrency,
        @Nullable Integer provisionedConcurrency,
        String tracingMode,
        @Nullable String deadLetterTargetArn,
        @Nullable String onFailureDestinationArn,
        String logGroupName,
        @Nullable Integer logRetentionDays,
        @Nullable Long logStoredBytes,
        Map<String, String> tags,
        @Nullable String cloudFormationStack,
        String revisionId,
        @Nullable String lastModified,
        List<String> unknownFields) {

    public static final String SKIP_TAG = "fleetopt:skip";
    public static final String OWN_FUNCTION_TAG = "fleetopt:component";

    public boolean isUnknown(String field) {
        return unknownFields.contains(field);
    }

    public boolean taggedSkip() {
        return "true".equalsIgnoreCase(tags.getOrDefault(SKIP_TAG, ""));
    }

    public boolean isOptimizersOwn() {
        return tags.containsKey(OWN_FUNCTION_TAG);
    }

    public boolean hasFailureDestination() {
        return deadLetterTargetArn != null || onFailureDestinationArn != null;
    }
}
