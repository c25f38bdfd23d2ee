package io.fleetopt.notifier.approval;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * A run waiting for its approver, as RequestApproval leaves it for the review endpoint: the plan, the task token
 * that resumes the run (kept server-side, never in the email), until when it can be decided, and the items
 * AutoApply already applied by policy (shown, not offered again).
 */
@Serdeable
public record PendingApproval(int schemaVersion, String runId, String planKey, String taskToken, Instant requestedAt,
                              Instant expiresAt, List<String> autoAppliedItemIds) {

    public static final int SCHEMA_VERSION = 2;

    public PendingApproval {
        autoAppliedItemIds = autoAppliedItemIds == null ? List.of() : List.copyOf(autoAppliedItemIds);
    }
}
