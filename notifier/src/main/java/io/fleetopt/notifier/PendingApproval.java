package io.fleetopt.notifier;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A run waiting for its approver, kept in the artifact store at {@code ArtifactKeys.approvalTask(runId)}: the review page finds the
 * task token here (the email never carries it) and refuses to send anything after {@code expiresAt}.
 */
@Serdeable
public record PendingApproval(int schemaVersion, String runId, String planKey, String taskToken, Instant requestedAt,
                              Instant expiresAt) {

    public static final int SCHEMA_VERSION = 1;
}
