package io.fleetopt.notifier.approval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * The decision recorded, once, for a run: who, when, from where, how many changes they approved and rejected,
 * and the key of the full {@code Decision} document. No approved change means the plan was rejected.
 */
@Serdeable
public record DecisionTaken(String approver, Instant decidedAt, int approvedCount, int rejectedCount,
                            @Nullable String sourceIp, @Nullable String userAgent, String decisionKey) {

    public boolean rejected() {
        return approvedCount == 0;
    }
}
