package io.fleetopt.core.port;

import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.RecommendationKind;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/** The settings the applier can change, as they are live now, with the function's live tags. */
public record FunctionSettings(
        String functionArn,
        String revisionId,
        int memoryMb,
        int timeoutSeconds,
        @Nullable Integer reservedConcurrency,
        String tracingMode,
        @Nullable Integer logRetentionDays,
        Map<String, String> tags) {

    /** The live value of a setting in canonical form; throws for a kind the applier does not change. */
    public String valueOf(RecommendationKind kind) {
        return SettingKinds.require(kind).liveValue(this);
    }

    public boolean taggedSkip() {
        return "true".equalsIgnoreCase(tags.getOrDefault(FunctionConfig.SKIP_TAG, ""));
    }

    public boolean taggedOptimizersOwn() {
        return tags.containsKey(FunctionConfig.OWN_FUNCTION_TAG);
    }
}
