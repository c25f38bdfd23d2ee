package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One item's outcome with the values before and after (canonical form), and the reason when not applied. */
@Serdeable
public record ItemOutcome(
        String itemId,
        String functionArn,
        String functionName,
        RecommendationKind kind,
        ApplyStatus status,
        @Nullable String before,
        @Nullable String after,
        @Nullable String reason) {
}
