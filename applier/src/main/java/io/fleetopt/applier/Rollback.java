package io.fleetopt.applier;

import io.fleetopt.core.model.RollbackOutcome;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Restores exactly the recorded before-values of a run's changes, newest first. A setting someone changed
 * again since fleetopt did is left as it is (restoring it would undo their change) and reported.
 */
public final class Rollback {

    private final FunctionConfigurator functions;
    private final ChangeLedger ledger;
    private final Clock clock;

    public Rollback(FunctionConfigurator functions, ChangeLedger ledger, Clock clock) {
        this.functions = functions;
        this.ledger = ledger;
        this.clock = clock;
    }

    public RollbackResult rollback(String runId, String actor) {
        List<LedgerEntry> entries = ledger.entriesOfRun(runId);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the change ledger has no changes of run '" + runId + "'");
        }
        List<LedgerEntry> latest = new ArrayList<>(ChangeLedger.latestPerItem(entries));
        java.util.Collections.reverse(latest);
        List<RollbackOutcome> outcomes = new ArrayList<>();
        for (LedgerEntry entry : latest) {
            outcomes.add(restore(entry, actor));
        }
        return new RollbackResult(runId, clock.instant(), List.copyOf(outcomes));
    }

    private RollbackOutcome restore(LedgerEntry entry, String actor) {
        if (entry.action() == LedgerAction.ROLLED_BACK) {
            return outcome(entry, RollbackStatus.ALREADY_RESTORED, entry.before(), entry.after(), "rolled back at " + entry.at());
        }
        try {
            FunctionSettings live = functions.read(entry.functionArn());
            String liveValue = live.valueOf(entry.kind());
            if (!liveValue.equals(entry.after())) {
                return outcome(entry, RollbackStatus.SKIPPED_CHANGED_SINCE, liveValue, null, entry.kind().label() + " is now "
                        + SettingValues.display(entry.kind(), liveValue) + ", not the "
                        + SettingValues.display(entry.kind(), entry.after()) + " fleetopt set; left as it is");
            }
            FunctionSettings after = functions.update(entry.functionArn(), entry.kind(), entry.before(), live.revisionId());
            ledger.append(new LedgerEntry(entry.runId(), entry.itemId(), entry.functionArn(), entry.functionName(),
                    entry.kind(), LedgerAction.ROLLED_BACK, entry.after(), entry.before(), actor, clock.instant(),
                    entry.estimatedMonthlySavingUsd().negate(), after.revisionId()));
            return outcome(entry, RollbackStatus.RESTORED, entry.after(), entry.before(), null);
        } catch (RuntimeException e) {
            return outcome(entry, RollbackStatus.FAILED, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static RollbackOutcome outcome(LedgerEntry entry, RollbackStatus status, String from, String restored, String reason) {
        return new RollbackOutcome(entry.itemId(), entry.functionArn(), entry.functionName(), entry.kind(), status, from,
                restored, reason);
    }
}
