package io.fleetopt.applier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.port.RevisionConflictException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies the approved items of a plan, one at a time, in plan order. Each item re-reads the function first
 * and is skipped as drift when it is no longer as planned; each change is in the ledger before the next
 * starts, so a re-run reports ALREADY_APPLIED and changes nothing.
 */
public final class Applier {

    private final FunctionConfigurator functions;
    private final ChangeLedger ledger;
    private final Clock clock;

    public Applier(FunctionConfigurator functions, ChangeLedger ledger, Clock clock) {
        this.functions = functions;
        this.ledger = ledger;
        this.clock = clock;
    }

    public ApplyResult apply(Plan plan, Decision decision, String decisionSource) {
        DecisionCheck.requireMatches(plan, decision, decisionSource);
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (Recommendation item : plan.items()) {
            if (decision.approvedItemIds().contains(item.id())) {
                outcomes.add(applyOne(plan.runId(), item, decision.approver()));
            }
        }
        return new ApplyResult(ApplyResult.SCHEMA_VERSION, plan.runId(), clock.instant(), List.copyOf(outcomes));
    }

    /** Applies one approved item; never throws for the item's own failure, so the others go on. */
    public ItemOutcome applyOne(String runId, Recommendation item, String approver) {
        try {
            List<LedgerEntry> ofRun = ledger.entriesOfRun(runId);
            Optional<LedgerEntry> earlier = ChangeLedger.latestOf(ofRun, item.id());
            if (earlier.isPresent()) {
                return earlier.get().action() == LedgerAction.APPLIED
                        ? outcome(item, ApplyStatus.ALREADY_APPLIED, earlier.get().before(), earlier.get().after(),
                        "applied earlier in this run (" + earlier.get().at() + ")")
                        : outcome(item, ApplyStatus.SKIPPED_DRIFT, earlier.get().after(), earlier.get().after(),
                        "rolled back at " + earlier.get().at() + "; applying it again needs a new plan");
            }
            FunctionSettings live = functions.read(item.functionArn());
            String liveValue = live.valueOf(item.kind());
            if ("true".equalsIgnoreCase(live.tags().getOrDefault("fleetopt:skip", ""))) {
                return outcome(item, ApplyStatus.SKIPPED_SCOPE, liveValue, liveValue, "tagged fleetopt:skip=true since it was planned");
            }
            if (liveValue.equals(item.proposedValue())) {
                return outcome(item, ApplyStatus.ALREADY_APPLIED, liveValue, liveValue, "already " + display(item, liveValue));
            }
            if (!liveValue.equals(item.currentValue())) {
                return outcome(item, ApplyStatus.SKIPPED_DRIFT, liveValue, liveValue, item.kind().label() + " is now "
                        + display(item, liveValue) + ", planned against " + display(item, item.currentValue()));
            }
            if (item.kind().carriesRevisionId() && !isPlannedOrOwnRevision(ofRun, item, live.revisionId())) {
                return outcome(item, ApplyStatus.SKIPPED_DRIFT, liveValue, liveValue,
                        "the function changed since it was planned (revision " + live.revisionId() + ")");
            }
            FunctionSettings after = functions.update(item.functionArn(), item.kind(), item.proposedValue(), live.revisionId());
            ledger.append(new LedgerEntry(runId, item.id(), item.functionArn(), item.functionName(), item.kind(),
                    LedgerAction.APPLIED, liveValue, item.proposedValue(), approver, clock.instant(),
                    item.monthlySavingUsd(), after.revisionId()));
            return outcome(item, ApplyStatus.APPLIED, liveValue, item.proposedValue(), null);
        } catch (RevisionConflictException e) {
            return outcome(item, ApplyStatus.SKIPPED_DRIFT, null, null, e.getMessage());
        } catch (FunctionNotFoundException e) {
            return outcome(item, ApplyStatus.SKIPPED_DRIFT, null, null, "the function no longer exists");
        } catch (RuntimeException e) {
            return outcome(item, ApplyStatus.FAILED, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }


    /** The planned revision, or one this run produced itself by an earlier item on the same function. */
    private static boolean isPlannedOrOwnRevision(List<LedgerEntry> ofRun, Recommendation item, String liveRevision) {
        if (liveRevision.equals(item.plannedRevisionId())) {
            return true;
        }
        for (int i = ofRun.size() - 1; i >= 0; i--) {
            LedgerEntry entry = ofRun.get(i);
            if (entry.functionArn().equals(item.functionArn()) && entry.revisionAfter() != null) {
                return liveRevision.equals(entry.revisionAfter());
            }
        }
        return false;
    }

    private static String display(Recommendation item, String value) {
        return SettingValues.display(item.kind(), value);
    }

    private static ItemOutcome outcome(Recommendation item, ApplyStatus status, String before, String after, String reason) {
        return new ItemOutcome(item.id(), item.functionArn(), item.functionName(), item.kind(), status, before, after, reason);
    }
}
