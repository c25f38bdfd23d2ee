package io.fleetopt.applier;

import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.port.RevisionConflictException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Applies one approved item, exactly once, write-ahead: the guards first (nothing written when they refuse), then an
 * INTENT entry in the item's own ledger slot, then the change, then its completion (APPLIED, or ABANDONED when the
 * change was not made). A retry or a second process finds the intent and reconciles it with the live value instead
 * of applying again: live = planned value, the change is in place (APPLIED); live = before, it was not made yet
 * (apply); anything else is drift (ABANDONED).
 */
public final class Applier {

    private final FunctionConfigurator functions;
    private final ChangeLedger ledger;
    private final ApplyGuards guards;
    private final Clock clock;
    private final StepHook steps;

    public Applier(FunctionConfigurator functions, ChangeLedger ledger, ApplyGuards guards, Clock clock, StepHook steps) {
        this.functions = functions;
        this.ledger = ledger;
        this.guards = guards;
        this.clock = clock;
        this.steps = steps;
    }

    /** Applies one approved item; never throws for the item's own failure, so the others go on. */
    ItemApplication applyOne(String runId, Recommendation item, ApprovalRef approval, RunEvidence evidence) {
        try {
            List<LedgerEntry> entries = ledger.entriesOfItem(runId, item.id());
            Optional<LedgerEntry> rollback = find(entries, LedgerAction.ROLLBACK_INTENT);
            Optional<LedgerEntry> done = find(entries, LedgerAction.APPLIED).or(() -> find(entries, LedgerAction.ABANDONED));
            Optional<LedgerEntry> intent = find(entries, LedgerAction.INTENT);
            if (rollback.isPresent()) {
                return ItemApplication.done(outcome(item, ApplyStatus.SKIPPED_DRIFT, rollback.get().after(), rollback.get().after(),
                        "rolled back at " + rollback.get().at() + "; applying it again needs a new plan"));
            }
            if (done.isPresent()) {
                LedgerEntry d = done.get();
                return ItemApplication.done(d.action() == LedgerAction.APPLIED
                        ? outcome(item, ApplyStatus.ALREADY_APPLIED, d.before(), d.after(), "applied earlier in this run (" + d.at() + ")")
                        : outcome(item, ApplyStatus.SKIPPED_DRIFT, d.before(), d.before(),
                        "an earlier attempt at " + d.at() + " stopped without changing it; applying it again needs a new plan"));
            }
            FunctionSettings live = functions.read(item.functionArn());
            String liveValue = live.valueOf(item.kind());
            if (intent.isPresent()) {
                return reconcile(runId, item, intent.get(), live, liveValue, evidence);
            }
            if (liveValue.equals(item.proposedValue())) {
                return ItemApplication.done(outcome(item, ApplyStatus.ALREADY_APPLIED, liveValue, liveValue, "already " + display(item, liveValue)));
            }
            if (!liveValue.equals(item.currentValue())) {
                return ItemApplication.done(outcome(item, ApplyStatus.SKIPPED_DRIFT, liveValue, liveValue, item.kind().label() + " is now "
                        + display(item, liveValue) + ", planned against " + display(item, item.currentValue())));
            }
            if (SettingKinds.require(item.kind()).carriesRevisionId() && !isPlannedOrOwnRevision(runId, item, live.revisionId())) {
                return ItemApplication.done(outcome(item, ApplyStatus.SKIPPED_DRIFT, liveValue, liveValue,
                        "the function changed since it was planned (revision " + live.revisionId() + ")"));
            }
            Optional<String> refusal = guard(item, live, evidence);
            if (refusal.isPresent()) {
                return ItemApplication.done(outcome(item, ApplyStatus.SKIPPED_GUARD, liveValue, liveValue, refusal.get()));
            }
            steps.reached(ApplyStep.BEFORE_INTENT, runId, item.id());
            LedgerEntry newIntent = new LedgerEntry(runId, item.id(), item.functionArn(), item.functionName(), item.kind(),
                    LedgerAction.INTENT, liveValue, item.proposedValue(), approval.approver(), clock.instant(), item.monthlySavingUsd(),
                    null, approval.decisionKey(), approval.planDigest());
            if (!ledger.record(newIntent)) {
                return new ItemApplication(outcome(item, ApplyStatus.FAILED, liveValue, liveValue,
                        "another applier is applying this item right now"), true);
            }
            steps.reached(ApplyStep.AFTER_INTENT, runId, item.id());
            return change(runId, item, newIntent, live);
        } catch (FunctionNotFoundException e) {
            return ItemApplication.done(outcome(item, ApplyStatus.SKIPPED_DRIFT, null, null, "the function no longer exists"));
        } catch (ChangeFailedException e) {
            return new ItemApplication(outcome(item, ApplyStatus.FAILED, null, null, e.getMessage()), e.isTransient());
        } catch (RuntimeException e) {
            return ItemApplication.done(outcome(item, ApplyStatus.FAILED, null, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** An intent without completion: a crash, a lost answer, or a failure worth retrying left it. */
    private ItemApplication reconcile(String runId, Recommendation item, LedgerEntry intent, FunctionSettings live,
                                      String liveValue, RunEvidence evidence) {
        if (liveValue.equals(intent.after())) {
            complete(intent.as(LedgerAction.APPLIED, clock.instant(), live.revisionId()));
            return ItemApplication.done(outcome(item, ApplyStatus.APPLIED, intent.before(), intent.after(),
                    "completed from the ledger's intent of " + intent.at()));
        }
        if (!liveValue.equals(intent.before())) {
            complete(intent.as(LedgerAction.ABANDONED, clock.instant(), null));
            return ItemApplication.done(outcome(item, ApplyStatus.SKIPPED_DRIFT, liveValue, liveValue, item.kind().label() + " is now "
                    + display(item, liveValue) + ", neither the " + display(item, intent.before()) + " before nor the "
                    + display(item, intent.after()) + " planned"));
        }
        if (SettingKinds.require(item.kind()).carriesRevisionId() && !isPlannedOrOwnRevision(runId, item, live.revisionId())) {
            if (otherItemOfRunOpenOn(runId, item)) {
                return new ItemApplication(outcome(item, ApplyStatus.FAILED, liveValue, liveValue, "another item of this run "
                        + "is changing " + item.functionName() + " at the same time"), true);
            }
            complete(intent.as(LedgerAction.ABANDONED, clock.instant(), null));
            return ItemApplication.done(outcome(item, ApplyStatus.SKIPPED_DRIFT, liveValue, liveValue,
                    "the function changed since it was planned (revision " + live.revisionId() + ")"));
        }
        Optional<String> refusal = guard(item, live, evidence);
        if (refusal.isPresent()) {
            complete(intent.as(LedgerAction.ABANDONED, clock.instant(), null));
            return ItemApplication.done(outcome(item, ApplyStatus.SKIPPED_GUARD, liveValue, liveValue, refusal.get()));
        }
        return change(runId, item, intent, live);
    }

    private ItemApplication change(String runId, Recommendation item, LedgerEntry intent, FunctionSettings live) {
        FunctionSettings after;
        try {
            after = functions.update(item.functionArn(), item.kind(), intent.after(), live.revisionId());
        } catch (RevisionConflictException e) {
            if (changedMeanwhileByThisRun(runId, item) || otherItemOfRunOpenOn(runId, item)) {
                return new ItemApplication(outcome(item, ApplyStatus.FAILED, intent.before(), intent.before(),
                        "another item of this run changed " + item.functionName() + " at the same time (" + e.getMessage() + ")"), true);
            }
            complete(intent.as(LedgerAction.ABANDONED, clock.instant(), null));
            return ItemApplication.done(outcome(item, ApplyStatus.SKIPPED_DRIFT, intent.before(), intent.before(), e.getMessage()));
        } catch (FunctionNotFoundException e) {
            complete(intent.as(LedgerAction.ABANDONED, clock.instant(), null));
            return ItemApplication.done(outcome(item, ApplyStatus.SKIPPED_DRIFT, null, null, "the function no longer exists"));
        } catch (ChangeFailedException e) {
            if (!e.isTransient()) {
                complete(intent.as(LedgerAction.ABANDONED, clock.instant(), null));
            }
            return new ItemApplication(outcome(item, ApplyStatus.FAILED, intent.before(), intent.before(), e.getMessage()),
                    e.isTransient());
        }
        steps.reached(ApplyStep.AFTER_CHANGE, runId, item.id());
        try {
            complete(intent.as(LedgerAction.APPLIED, clock.instant(), after.revisionId()));
        } catch (RuntimeException e) {
            return ItemApplication.done(outcome(item, ApplyStatus.FAILED, intent.before(), intent.after(),
                    "changed, but the ledger could not record it as complete (" + e.getMessage()
                            + "); its intent is recorded, and applying the run again completes it"));
        }
        steps.reached(ApplyStep.AFTER_COMPLETION, runId, item.id());
        return ItemApplication.done(outcome(item, ApplyStatus.APPLIED, intent.before(), intent.after(), null));
    }

    private Optional<String> guard(Recommendation item, FunctionSettings live, RunEvidence evidence) {
        return guards.refusalToApply(new ProposedChange(item.functionArn(), item.functionName(), item.kind(), item.proposedValue()),
                live, evidence.profile(item.functionArn()), () -> functions.accountConcurrency(item.functionArn()));
    }

    /** Writes a completion; its slot taken already means another process completed it first, which is as good. */
    private void complete(LedgerEntry completion) {
        ledger.record(completion);
    }

    /** The planned revision, or one this run produced itself by an earlier item on the same function. */
    private boolean isPlannedOrOwnRevision(String runId, Recommendation item, String liveRevision) {
        if (liveRevision.equals(item.plannedRevisionId())) {
            return true;
        }
        return ownLatestRevision(runId, item).map(liveRevision::equals).orElse(false);
    }

    /** The function's live revision is the one this run's latest change to it (by another item) left behind. */
    private boolean changedMeanwhileByThisRun(String runId, Recommendation item) {
        Optional<String> own = ownLatestRevision(runId, item);
        return own.isPresent() && own.get().equals(functions.read(item.functionArn()).revisionId());
    }

    /** Another item of this run has an intent on the same function that is not completed yet (a Map sibling). */
    private boolean otherItemOfRunOpenOn(String runId, Recommendation item) {
        java.util.Set<String> open = new java.util.HashSet<>();
        for (LedgerEntry entry : ledger.entriesOfRun(runId)) {
            if (!entry.functionArn().equals(item.functionArn()) || entry.itemId().equals(item.id())) {
                continue;
            }
            if (entry.action() == LedgerAction.INTENT) {
                open.add(entry.itemId());
            } else if (entry.action() == LedgerAction.APPLIED || entry.action() == LedgerAction.ABANDONED) {
                open.remove(entry.itemId());
            }
        }
        return !open.isEmpty();
    }

    private Optional<String> ownLatestRevision(String runId, Recommendation item) {
        List<LedgerEntry> ofRun = ledger.entriesOfRun(runId);
        for (int i = ofRun.size() - 1; i >= 0; i--) {
            LedgerEntry entry = ofRun.get(i);
            if (entry.functionArn().equals(item.functionArn()) && entry.action().isCompletedChange()
                    && entry.revisionAfter() != null) {
                return Optional.of(entry.revisionAfter());
            }
        }
        return Optional.empty();
    }

    private static Optional<LedgerEntry> find(List<LedgerEntry> entries, LedgerAction action) {
        return entries.stream().filter(e -> e.action() == action).findFirst();
    }

    private static String display(Recommendation item, String value) {
        return SettingValues.display(item.kind(), value);
    }

    private static ItemOutcome outcome(Recommendation item, ApplyStatus status, String before, String after, String reason) {
        return new ItemOutcome(item.id(), item.functionArn(), item.functionName(), item.kind(), status, before, after, reason);
    }
}
