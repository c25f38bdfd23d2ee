package io.fleetopt.core.port;

import io.fleetopt.core.model.RecommendationKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One change made (APPLIED) or undone (ROLLED_BACK), with the exact values before and after, and the
 * function's revision id after it (so a later item of the same run does not take fleetopt's own change for drift).
 */
@Serdeable
public record LedgerEntry(
        String runId,
        String itemId,
        String functionArn,
        String functionName,
        RecommendationKind kind,
        LedgerAction action,
        String before,
        String after,
        String actor,
        Instant at,
        BigDecimal estimatedMonthlySavingUsd,
        @Nullable String revisionAfter) {
}
