package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Estimated against realized savings of earlier change sets, from the cost history. */
@Serdeable
public record SavingsReport(
        int schemaVersion,
        String runId,
        Instant generatedAt,
        List<ChangeSetSavings> changeSets,
        BigDecimal realizedMonthlyUsd) {

    public static final int SCHEMA_VERSION = 1;
}
