package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;

/**
 * One proposed change or finding. Values are in the kind's canonical form (see {@link SettingValues}).
 * A negative saving is a cost (a reliability item that buys safety).
 */
@Serdeable
public record Recommendation(
        String id,
        String functionArn,
        String functionName,
        RecommendationKind kind,
        String currentValue,
        String proposedValue,
        Risk risk,
        Action action,
        String rationale,
        BigDecimal monthlySavingUsd,
        List<String> assumptions,
        @Nullable String plannedRevisionId,
        List<String> warnings) {
}
