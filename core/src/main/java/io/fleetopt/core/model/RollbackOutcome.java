package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One item's rollback: the value restored, or why it was not. */
@Serdeable
public record RollbackOutcome(String itemId, String functionArn, String functionName, RecommendationKind kind,
                              RollbackStatus status, @Nullable String from, @Nullable String restored,
                              @Nullable String reason) {
}
