package io.fleetopt.applier;

import io.fleetopt.core.change.GuardWindow;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionEvidence;
import io.fleetopt.core.model.RollbackOutcome;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.port.AlarmStateChange;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.GuardAlarmLabel;
import io.fleetopt.core.port.LeaseHeldException;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.port.MessageSender;
import io.fleetopt.core.port.RunLease;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Rollback function's stage: a guard alarm went into ALARM, so the changes its run made to its function are
 * restored, if the alarm is fleetopt's, fired within the change's guard window, and the values are still fleetopt's.
 * It goes through {@link Rollback} (the same guards, the write-ahead ledger, exactly once), with the alarm's name,
 * reason and time as the entries' reason. A value someone changed since is left alone and recorded as
 * ROLLBACK_DECLINED. A notice goes out only when this call restored or declined something for the first time, so
 * EventBridge delivering the same event again (or a second alarm of the function firing) changes nothing and sends
 * nothing. An item that failed is thrown as transient after the notice, for Lambda to retry the event. A member
 * account's alarm (its event forwarded to this account's bus) restores that account's change through its member role;
 * an alarm of another account than its function's, or from an account that is not a member of a run over member
 * accounts, is refused with nothing read or changed.
 */
public final class AlarmRollback {

    static final String GUARD_ALARM_PREFIX = "fleetopt-";

    private final Rollback rollback;
    private final ChangeLedger ledger;
    private final DocumentStore documents;
    private final MessageSender notices;
    private final RunLease lease;
    private final GuardWindow window;
    private final Clock clock;

    public AlarmRollback(Rollback rollback, ChangeLedger ledger, DocumentStore documents, MessageSender notices, RunLease lease,
                         GuardWindow window, Clock clock) {
        this.rollback = rollback;
        this.ledger = ledger;
        this.documents = documents;
        this.notices = notices;
        this.lease = lease;
        this.window = window;
        this.clock = clock;
    }

    public AlarmRollbackResult handle(AlarmStateChange alarm) {
        String name = alarm.alarmName();
        if (!name.startsWith(GUARD_ALARM_PREFIX)) {
            return AlarmRollbackResult.without(name, AlarmRollbackVerdict.IGNORED, "not a fleetopt guard alarm (its name does "
                    + "not start with " + GUARD_ALARM_PREFIX + ")", null, null);
        }
        if (!alarm.isAlarm()) {
            return AlarmRollbackResult.without(name, AlarmRollbackVerdict.IGNORED, "went into " + alarm.state()
                    + ", not ALARM", null, null);
        }
        Optional<GuardAlarmLabel> label = GuardAlarmLabel.parse(alarm.description());
        if (label.isEmpty()) {
            return AlarmRollbackResult.without(name, AlarmRollbackVerdict.IGNORED, "its description names no fleetopt run "
                    + "and function ([fleetopt run=... function=...]), so it is not a guard alarm fleetopt wired", null, null);
        }
        String runId = label.get().runId();
        String arn = label.get().functionArn();
        Optional<String> refused = refusal(alarm, runId, arn);
        if (refused.isPresent()) {
            return AlarmRollbackResult.without(name, AlarmRollbackVerdict.REFUSED, refused.get(), runId, arn);
        }
        List<LedgerEntry> entries = ledger.entriesOfRun(runId).stream().filter(e -> e.functionArn().equals(arn)).toList();
        List<LedgerEntry> made = entries.stream().filter(e -> e.action() == LedgerAction.APPLIED).toList();
        if (made.isEmpty()) {
            return AlarmRollbackResult.without(name, AlarmRollbackVerdict.IGNORED, "the change ledger has no change of run "
                    + runId + " to " + arn, runId, arn);
        }
        if (made.stream().noneMatch(e -> window.contains(e.at(), alarm.at()))) {
            return AlarmRollbackResult.without(name, AlarmRollbackVerdict.OUTSIDE_WINDOW, "it fired at " + alarm.at()
                    + ", outside the " + window.days() + "-day guard window of run " + runId + "'s changes to "
                    + made.get(0).functionName() + " (made at " + made.get(0).at() + "): nothing was changed", runId, arn);
        }
        if (ChangeLedger.standing(entries).isEmpty()) {
            return AlarmRollbackResult.without(name, AlarmRollbackVerdict.ALREADY_HANDLED, "run " + runId + "'s changes to "
                    + made.get(0).functionName() + " were rolled back already", runId, arn);
        }
        String why = "guard alarm " + name + " went into ALARM at " + alarm.at()
                + (alarm.reason() == null ? "" : ": " + alarm.reason());
        RollbackResult result;
        try {
            lease.acquire(runId);
        } catch (LeaseHeldException e) {
            throw new TransientApplyException(made.get(0).itemId(), e.getMessage());
        }
        try {
            result = rollback.rollbackFunction(runId, arn, "fleetopt (guard alarm " + name + ")", why, evidence(runId, arn));
        } finally {
            lease.release(runId);
        }
        List<RollbackOutcome> restored = of(result, RollbackStatus.RESTORED);
        List<RollbackOutcome> declined = new ArrayList<>();
        for (RollbackOutcome item : result.items()) {
            if (item.status() == RollbackStatus.SKIPPED_CHANGED_SINCE || item.status() == RollbackStatus.SKIPPED_GUARD) {
                LedgerEntry applied = made.stream().filter(e -> e.itemId().equals(item.itemId())).findFirst().orElseThrow();
                if (ledger.record(applied.as(LedgerAction.ROLLBACK_DECLINED, clock.instant(), null)
                        .because(why + "; not rolled back: " + item.reason()))) {
                    declined.add(item);
                }
            }
        }
        boolean notice = !restored.isEmpty() || !declined.isEmpty();
        if (notice) {
            notices.send(RollbackNotice.message(alarm, runId, made, restored, declined, evidence(runId, arn).profile(arn), window));
        }
        Optional<RollbackOutcome> failed = result.items().stream().filter(i -> i.status() == RollbackStatus.FAILED).findFirst();
        if (failed.isPresent()) {
            throw new TransientApplyException(failed.get().itemId(), failed.get().reason());
        }
        AlarmRollbackVerdict verdict = !restored.isEmpty() ? AlarmRollbackVerdict.ROLLED_BACK
                : !declined.isEmpty() ? AlarmRollbackVerdict.DECLINED : AlarmRollbackVerdict.ALREADY_HANDLED;
        return new AlarmRollbackResult(name, verdict, restored.size() + " restored, " + declined.size()
                + " left as changed since", runId, arn, result.items(), notice);
    }

    /**
     * Why this alarm may not roll its function back, before anything is read or written: an alarm watches a function
     * of its own account, so the alarm's account must be the function's; the alarm of a run over member accounts
     * must be in one of the deployment's member accounts (an event forwarded from a member account's bus); and a
     * member account's change needs the member role settings to be restored.
     */
    private Optional<String> refusal(AlarmStateChange alarm, String runId, String functionArn) {
        Optional<FunctionArn> function = FunctionArn.parse(functionArn);
        if (function.isEmpty()) {
            return Optional.empty(); // no ledger entry has such an ARN: ignored below
        }
        String account = function.get().account();
        if (alarm.account() != null && !alarm.account().equals(account)) {
            return Optional.of("alarm " + alarm.alarmName() + " is in account " + alarm.account() + ", but its description "
                    + "names " + function.get().name() + " of account " + account + ": a guard alarm watches a function of "
                    + "its own account; nothing was changed");
        }
        RestoreAccounts.OfRun accounts = rollback.accounts().ofRun(runId);
        if (accounts.overMemberAccounts() && alarm.account() != null && !accounts.isMemberAccount(alarm.account())) {
            return Optional.of("the alarm's event comes from account " + alarm.account() + ", which is not one of this "
                    + "deployment's member accounts (" + accounts.memberAccountsText() + "); nothing was changed");
        }
        return accounts.refusal(functionArn);
    }

    private static List<RollbackOutcome> of(RollbackResult result, RollbackStatus status) {
        return result.items().stream().filter(i -> i.status() == status).toList();
    }

    /**
     * What the run's snapshot saw (the guards' floors, the notice's evidence): its one snapshot, or, for a run over
     * member accounts (a snapshot per target), the function's own evidence that Collect wrote; none when it is gone.
     */
    private RunEvidence evidence(String runId, String functionArn) {
        return documents.find(ArtifactKeys.snapshot(runId), FleetSnapshot.class).map(RunEvidence::of)
                .or(() -> documents.find(ArtifactKeys.evidence(runId, functionArn), FunctionEvidence.class)
                        .filter(e -> e.runId().equals(runId)).map(e -> RunEvidence.of(e.profile())))
                .orElse(RunEvidence.none());
    }
}
