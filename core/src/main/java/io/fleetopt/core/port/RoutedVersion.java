package io.fleetopt.core.port;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Optional;

/**
 * A version an alias routes to, with its share of the alias's invocations and the settings frozen into it when it
 * was published ({@code lastModified}; null for {@code $LATEST}, which follows every change).
 */
public record RoutedVersion(String version, double weight, @Nullable Instant lastModified, int memoryMb, int timeoutSeconds,
                            String tracingMode) {

    public static final String LATEST = "$LATEST";

    public boolean isLatest() {
        return LATEST.equals(version);
    }

    /**
     * The version's own value of a setting that is frozen into a published version (memory, timeout, tracing), in
     * canonical form; empty for a setting of the whole function (reserved concurrency, log retention).
     */
    public Optional<String> valueOf(RecommendationKind kind) {
        return switch (kind) {
            case MEMORY -> Optional.of(Integer.toString(memoryMb));
            case TIMEOUT -> Optional.of(Integer.toString(timeoutSeconds));
            case TRACING -> Optional.of(tracingMode);
            default -> Optional.empty();
        };
    }

    /** How the value reads in a sentence ("1024 MB"). */
    public String display(RecommendationKind kind) {
        return valueOf(kind).map(v -> SettingValues.display(kind, v)).orElse("");
    }
}
