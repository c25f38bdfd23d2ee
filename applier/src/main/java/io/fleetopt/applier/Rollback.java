package io.fleetopt.applier;

import io.fleetopt.core.model.RollbackOutcome;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restores exactly the recorded before-values of a run's changes, newest first, write-ahead like an apply
 * (ROLLBACK_INTENT, the change, ROLLED_BACK) and through the same guards: a value to restore that breaks AWS's limits
 * or is not what the run's snapshot recorded is refused, not written. A setting someone changed again since fleetopt
 * did is left as it is (restoring it would undo their change) and reported. Running it again changes nothing more.
 * A member account's change is read and restored through that account's member role ({@link RestoreAccounts}).
 */
public final class Rollback {

    private final RestoreAccounts accounts;
    private final ChangeLedger ledger;
    private final ApplyGuards guards;
    private final Clock clock;
    private final StepHook steps;

    public Rollback(FunctionConfigurator functions, ChangeLedger ledger, ApplyGuards guards, Clock clock, StepHook steps) {
        this(functions, ledger, guards, clock, steps, AliasRelease.NONE);
    }

    /** {@code aliases}: moves back the alias of a change that reached an alias's traffic ({@link LedgerEntry#aliasMove()}). */
    public Rollback(FunctionConfigurator functions, ChangeLedger ledger, ApplyGuards guards, Clock clock, StepHook steps,
                    AliasRelease aliases) {
        this(RestoreAccounts.own(functions, aliases), ledger, guards, clock, steps);
    }

    /**
     * {@code accounts}: through which account's adapters each entry is restored, the deployment's own or a member
     * account's member role ({@link RestoreAccounts}); the drift checks read the live state in that account.
     */
    public Rollback(RestoreAccounts accounts, ChangeLedger ledger, ApplyGuards guards, Clock clock, StepHook steps) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.guards = guards;
        this.clock = clock;
        this.steps = steps;
    }

    /** Through which account's adapters the entries are restored. */
    RestoreAccounts accounts() {
        return accounts;
    }

    public RollbackResult rollback(String runId, String actor, RunEvidence evidence) {
        List<LedgerEntry> entries = ledger.entriesOfRun(runId);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the change ledger has no changes of run '" + runId + "'");
        }
        return restoreAll(runId, entries, actor, null, evidence);
    }

    /**
     * Restores one function's changes of a run, the same way, with {@code reason} (why: a guard alarm) in the
     * ledger's entries. A function the run did not change gives an empty result.
     */
    public RollbackResult rollbackFunction(String runId, String functionArn, String actor, String reason, RunEvidence evidence) {
        List<LedgerEntry> entries = ledger.entriesOfRun(runId).stream().filter(e -> e.functionArn().equals(functionArn)).toList();
        return restoreAll(runId, entries, actor, reason, evidence);
    }

    private RollbackResult restoreAll(String runId, List<LedgerEntry> entries, String actor, String reason, RunEvidence evidence) {
        Map<String, List<LedgerEntry>> byItem = new LinkedHashMap<>();
        entries.forEach(e -> byItem.computeIfAbsent(e.itemId(), id -> new ArrayList<>()).add(e));
        List<List<LedgerEntry>> newestFirst = new ArrayList<>(byItem.values());
        Collections.reverse(newestFirst);
        List<RollbackOutcome> outcomes = new ArrayList<>();
        RestoreAccounts.OfRun runAccounts = accounts.ofRun(runId);
        for (List<LedgerEntry> item : newestFirst) {
            restore(item, actor, reason, evidence, runAccounts).ifPresent(outcomes::add);
        }
        return new RollbackResult(runId, clock.instant(), List.copyOf(outcomes));
    }

    /** One item's rollback, or empty when the item was never changed (its intent was abandoned). */
    private Optional<RollbackOutcome> restore(List<LedgerEntry> entries, String actor, String reason, RunEvidence evidence,
                                              RestoreAccounts.OfRun runAccounts) {
        Optional<LedgerEntry> rolledBack = find(entries, LedgerAction.ROLLED_BACK);
        if (rolledBack.isPresent()) {
            LedgerEntry r = rolledBack.get();
            return Optional.of(outcome(r, RollbackStatus.ALREADY_RESTORED, r.before(), r.after(), "rolled back at " + r.at()));
        }
        if (find(entries, LedgerAction.ABANDONED).isPresent()) {
            return Optional.empty();
        }
        Optional<LedgerEntry> made = find(entries, LedgerAction.APPLIED).or(() -> find(entries, LedgerAction.INTENT));
        if (made.isEmpty()) {
            return Optional.empty();
        }
        LedgerEntry change = made.get();
        try {
            FunctionConfigurator functions;
            AliasRelease aliases;
            switch (runAccounts.access(change.functionArn())) {
                case RestoreAccounts.Access.Refused refused -> {
                    return Optional.of(outcome(change, RollbackStatus.FAILED, null, null, refused.reason()));
                }
                case RestoreAccounts.Access.Through through -> {
                    functions = through.functions();
                    aliases = through.aliases();
                }
            }
            FunctionSettings live = functions.read(change.functionArn());
            String liveValue = live.valueOf(change.kind());
            Optional<LedgerEntry> rollbackIntent = find(entries, LedgerAction.ROLLBACK_INTENT);
            if (change.action() == LedgerAction.INTENT) {
                // a crash left the apply's intent: settle what it did first
                if (liveValue.equals(change.before())) {
                    ledger.record(change.as(LedgerAction.ABANDONED, clock.instant(), null));
                    return Optional.empty();
                }
                if (liveValue.equals(change.after())) {
                    change = change.as(LedgerAction.APPLIED, clock.instant(), live.revisionId());
                    ledger.record(change);
                }
            }
            if (rollbackIntent.isPresent() && liveValue.equals(change.before())) {
                moveAliasBack(change, aliases);
                LedgerEntry done = rollbackIntent.get().as(LedgerAction.ROLLED_BACK, clock.instant(), live.revisionId());
                ledger.record(done);
                return Optional.of(outcome(done, RollbackStatus.RESTORED, done.before(), done.after(),
                        "completed from the ledger's rollback intent of " + rollbackIntent.get().at()));
            }
            if (!liveValue.equals(change.after())) {
                return Optional.of(outcome(change, RollbackStatus.SKIPPED_CHANGED_SINCE, liveValue, null, change.kind().label()
                        + " is now " + display(change, liveValue) + ", not the " + display(change, change.after())
                        + " fleetopt set; left as it is"));
            }
            Optional<String> refusal = guards.refusalToRestore(new ProposedChange(change.functionArn(), change.functionName(),
                    change.kind(), change.before()), live, evidence.profile(change.functionArn()));
            if (refusal.isPresent()) {
                return Optional.of(outcome(change, RollbackStatus.SKIPPED_GUARD, liveValue, null, refusal.get()));
            }
            Optional<String> aliasMoved = change.aliasMove() == null || aliases.isNone() ? Optional.empty()
                    : aliases.drift(change.functionArn(), change.aliasMove());
            if (aliasMoved.isPresent()) {
                return Optional.of(outcome(change, RollbackStatus.SKIPPED_CHANGED_SINCE, liveValue, null, aliasMoved.get()));
            }
            LedgerEntry intent = rollbackIntent.orElseGet(() -> null);
            if (intent == null) {
                steps.reached(ApplyStep.BEFORE_INTENT, change.runId(), change.itemId());
                intent = new LedgerEntry(change.runId(), change.itemId(), change.functionArn(), change.functionName(),
                        change.kind(), LedgerAction.ROLLBACK_INTENT, change.after(), change.before(), actor, clock.instant(),
                        change.estimatedMonthlySavingUsd().negate(), null, null, null, null, reason);
                if (!ledger.record(intent)) {
                    return Optional.of(outcome(change, RollbackStatus.FAILED, liveValue, null,
                            "another rollback of this item is at work right now"));
                }
                steps.reached(ApplyStep.AFTER_INTENT, change.runId(), change.itemId());
            }
            moveAliasBack(change, aliases);
            FunctionSettings after = functions.update(change.functionArn(), change.kind(), change.before(), live.revisionId());
            steps.reached(ApplyStep.AFTER_CHANGE, change.runId(), change.itemId());
            ledger.record(intent.as(LedgerAction.ROLLED_BACK, clock.instant(), after.revisionId()));
            steps.reached(ApplyStep.AFTER_COMPLETION, change.runId(), change.itemId());
            return Optional.of(outcome(change, RollbackStatus.RESTORED, change.after(), change.before(), null));
        } catch (FunctionNotFoundException e) {
            return Optional.of(outcome(change, RollbackStatus.FAILED, null, null, "the function no longer exists"));
        } catch (ChangeFailedException e) {
            return Optional.of(outcome(change, RollbackStatus.FAILED, null, null, e.getMessage()
                    + (e.isTransient() ? " (rolling back again retries it)" : "")));
        } catch (RuntimeException e) {
            return Optional.of(outcome(change, RollbackStatus.FAILED, null, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** The traffic first: the alias back to its route before the change (done already: nothing), then $LATEST. */
    private static void moveAliasBack(LedgerEntry change, AliasRelease aliases) {
        if (change.aliasMove() != null && !aliases.isNone()) {
            aliases.moveBack(change.functionArn(), change.aliasMove()).ifPresent(reason -> {
                throw new IllegalStateException(reason);
            });
        }
    }

    private static Optional<LedgerEntry> find(List<LedgerEntry> entries, LedgerAction action) {
        return entries.stream().filter(e -> e.action() == action).findFirst();
    }

    private static String display(LedgerEntry entry, String value) {
        return SettingValues.display(entry.kind(), value);
    }

    private static RollbackOutcome outcome(LedgerEntry entry, RollbackStatus status, String from, String restored, String reason) {
        return new RollbackOutcome(entry.itemId(), entry.functionArn(), entry.functionName(), entry.kind(), status, from,
                restored, reason);
    }
}
