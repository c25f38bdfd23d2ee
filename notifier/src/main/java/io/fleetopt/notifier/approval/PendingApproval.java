package io.fleetopt.notifier.approval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A run waiting for its approver, as RequestApproval leaves it for the review endpoint: the plan, the task token
 * that resumes the run (kept server-side, never in the email), until when it can be decided, and the key of the
 * decision AutoApply took by policy (null: none), whose items are shown as already handled, not offered again.
 */
@Serdeable
public record PendingApproval(int schemaVersion, String runId, String planKey, String taskToken, Instant requestedAt,
                              Instant expiresAt, @Nullable String autoDecisionKey) {

    public static final int SCHEMA_VERSION = 3;
}
