package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One function of a run's snapshot, stored on its own by Collect ({@code ArtifactKeys.evidence}) so that one apply
 * iteration reads the evidence of the one function it changes, not the whole fleet's snapshot. The safety floors
 * are recomputed from it, never from the plan.
 */
@Serdeable
public record FunctionEvidence(int schemaVersion, String runId, Instant collectedAt, FunctionProfile profile) {

    public static final int SCHEMA_VERSION = 1;
}
