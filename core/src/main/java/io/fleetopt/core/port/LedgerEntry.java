package io.fleetopt.core.port;

import io.fleetopt.core.model.RecommendationKind;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One entry of an item's change (see {@link LedgerAction}), with the exact values before and after, and the
 * function's revision id after it (so a later item of the same run does not take fleetopt's own change for drift).
 * For an INTENT, {@code after} is the value about to be written; for a rollback, {@code before} is fleetopt's value
 * and {@code after} the restored one. {@code decisionKey} and {@code planDigest} name the decision that led to the
 * change and the plan it approved ({@code actor} is its approver, {@code AUTO ...} for AutoApply's policy); null on
 * entries written before decisions were recorded with them, and on a rollback's entries, whose actor is the
 * operator who ran it. {@code aliasMove} is set when the change reached an alias's traffic through a published
 * version (the alias's route before and after, for an exact rollback); null for an in-place change.
 * {@code reason} says why, where it was not a person's decision (the guard alarm that rolled the change back: its
 * name, CloudWatch's reason and the time).
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
        @Nullable String revisionAfter,
        @Nullable String decisionKey,
        @Nullable String planDigest,
        @Nullable AliasMove aliasMove,
        @Nullable String reason) {

    @Creator
    public LedgerEntry {
    }

    /** An entry of a decision, in place (no alias moved) and without a reason. */
    public LedgerEntry(String runId, String itemId, String functionArn, String functionName, RecommendationKind kind,
                       LedgerAction action, String before, String after, String actor, Instant at,
                       BigDecimal estimatedMonthlySavingUsd, @Nullable String revisionAfter, @Nullable String decisionKey,
                       @Nullable String planDigest) {
        this(runId, itemId, functionArn, functionName, kind, action, before, after, actor, at, estimatedMonthlySavingUsd,
                revisionAfter, decisionKey, planDigest, null, null);
    }

    /** An entry not tied to a decision (a rollback, or one written before decisions were recorded with changes). */
    public LedgerEntry(String runId, String itemId, String functionArn, String functionName, RecommendationKind kind,
                       LedgerAction action, String before, String after, String actor, Instant at,
                       BigDecimal estimatedMonthlySavingUsd, @Nullable String revisionAfter) {
        this(runId, itemId, functionArn, functionName, kind, action, before, after, actor, at, estimatedMonthlySavingUsd,
                revisionAfter, null, null, null, null);
    }

    /** The same change, as another action at another time (the completion of an intent, say). */
    public LedgerEntry as(LedgerAction newAction, Instant newAt, @Nullable String newRevisionAfter) {
        return new LedgerEntry(runId, itemId, functionArn, functionName, kind, newAction, before, after, actor, newAt,
                estimatedMonthlySavingUsd, newRevisionAfter, decisionKey, planDigest, aliasMove, reason);
    }

    /** The same entry, recording how the change reached the alias's traffic. */
    public LedgerEntry withAliasMove(@Nullable AliasMove move) {
        return new LedgerEntry(runId, itemId, functionArn, functionName, kind, action, before, after, actor, at,
                estimatedMonthlySavingUsd, revisionAfter, decisionKey, planDigest, move, reason);
    }

    /** The same entry with {@code newReason}. */
    public LedgerEntry because(@Nullable String newReason) {
        return new LedgerEntry(runId, itemId, functionArn, functionName, kind, action, before, after, actor, at,
                estimatedMonthlySavingUsd, revisionAfter, decisionKey, planDigest, aliasMove, newReason);
    }

    /** The key of the entry's slot: one entry per run, item and slot. */
    public String slotKey() {
        return itemId + "#" + action.slot();
    }
}
