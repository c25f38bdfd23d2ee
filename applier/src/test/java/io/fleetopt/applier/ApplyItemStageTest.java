package io.fleetopt.applier;

import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.port.ItemsFile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplyItemStageTest {

    @Test
    void appliesTheApprovedItemAndKeepsItsOutcomeForTheResult(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation item = run.memoryCut("orders-api");
            run.storePlan(List.of(item));
            run.approveAll();

            ApplyItemResponse response = run.applyItemStage().apply(run.request(item.id()));

            assertEquals(new ApplyItemResponse(item.id(), ApplyStatus.APPLIED), response);
            assertEquals(item.proposedValue(), run.account.read(item.functionArn()).valueOf(RecommendationKind.MEMORY));
            ItemOutcome stored = run.artifacts.find(ArtifactKeys.outcome(DemoRun.RUN_ID, item.id()), ItemOutcome.class).orElseThrow();
            assertEquals(ApplyStatus.APPLIED, stored.status());
        }
    }

    @Test
    void refusesAnItemsFileWithALineTheDecisionDoesNotApproveAndChangesNothing(@TempDir Path dir) throws Exception {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation approved = run.memoryCut("orders-api");
            Recommendation rejected = run.memoryCut("cart-service");
            run.storePlan(List.of(approved, rejected));
            run.storeDecision(List.of(approved.id()), List.of(rejected.id()));
            Path items = Path.of(run.store.locate(run.decision().approvedItemsKey()));
            ItemLine forged = ItemLine.planned(DemoRun.RUN_ID, run.decision().planDigest(), rejected)
                    .approvedBy(ArtifactKeys.decision(DemoRun.RUN_ID), run.decision().approver());
            Files.writeString(items, Files.readString(items) + run.codec.writeLine(forged) + "\n");

            InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                    () -> ApprovedItems.of(new ItemsFile(run.store, run.codec), ArtifactKeys.decision(DemoRun.RUN_ID), run.decision()));

            assertTrue(e.getMessage().contains("the items changed after they were approved (nothing was applied)"), e.getMessage());
            assertEquals(rejected.currentValue(), run.account.read(rejected.functionArn()).valueOf(RecommendationKind.MEMORY));
            assertEquals(List.of(), run.ledger.entriesOfRun(DemoRun.RUN_ID));
        }
    }

    @Test
    void refusesALineOfAnotherDecisionOrPlanOrWhoseItemWasEditedAndWritesNothing(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation item = run.memoryCut("orders-api");
            run.storePlan(List.of(item));
            run.approveAll();
            ItemLine line = run.approvedLines().get(0);
            Recommendation edited = new Recommendation(item.id(), item.functionArn(), item.functionName(), item.kind(),
                    item.currentValue(), "128", item.risk(), item.action(), item.rationale(), item.monthlySavingUsd(),
                    item.assumptions(), item.plannedRevisionId(), item.warnings());
            Map<String, ApplyItemRequest> tampered = Map.of(
                    "decisionKey: is '" + ArtifactKeys.decision(DemoRun.RUN_ID) + "', the run's decision is 'runs/" + DemoRun.RUN_ID
                            + "/decisions/other.json'",
                    new ApplyItemRequest(DemoRun.RUN_ID, "runs/" + DemoRun.RUN_ID + "/decisions/other.json", run.decision().planDigest(), line),
                    "planDigest: is '" + line.planDigest() + "', the decision approved plan 'sha256:" + "0".repeat(64) + "'",
                    new ApplyItemRequest(DemoRun.RUN_ID, ArtifactKeys.decision(DemoRun.RUN_ID), "sha256:" + "0".repeat(64), line),
                    "runId: is '" + DemoRun.RUN_ID + "', this is run 'another-run'",
                    new ApplyItemRequest("another-run", ArtifactKeys.decision(DemoRun.RUN_ID), run.decision().planDigest(), line),
                    "itemDigest: is '" + line.itemDigest() + "', but the item's digest is '" + PlanDigest.ofItem(edited)
                            + "': the item changed after it was approved",
                    run.request(new ItemLine(line.schemaVersion(), line.runId(), line.planDigest(), line.itemDigest(),
                            line.decisionKey(), line.approver(), edited)));

            tampered.forEach((problem, request) -> {
                RefusedItemLineException e = assertThrows(RefusedItemLineException.class, () -> run.applyItemStage().apply(request));
                assertTrue(e.getMessage().contains(problem), e.getMessage());
                assertTrue(e.getMessage().endsWith("(nothing was applied)"), e.getMessage());
            });

            assertEquals(item.currentValue(), run.account.read(item.functionArn()).valueOf(RecommendationKind.MEMORY));
            assertEquals(List.of(), run.ledger.entriesOfRun(DemoRun.RUN_ID));
            assertTrue(run.artifacts.find(ArtifactKeys.outcome(DemoRun.RUN_ID, item.id()), ItemOutcome.class).isEmpty());
        }
    }

    @Test
    void everyLedgerEntryOfAChangeCarriesItsDecisionThePlanDigestAndTheApprover(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation item = run.memoryCut("orders-api");
            run.storePlan(List.of(item));
            run.approveAll();

            run.applyItemStage().apply(run.request(item.id()));

            List<LedgerEntry> entries = run.ledger.entriesOfItem(DemoRun.RUN_ID, item.id());
            assertEquals(List.of(LedgerAction.INTENT, LedgerAction.APPLIED), entries.stream().map(LedgerEntry::action).toList());
            for (LedgerEntry entry : entries) {
                assertEquals(ArtifactKeys.decision(DemoRun.RUN_ID), entry.decisionKey());
                assertEquals(PlanDigest.of(run.plan()), entry.planDigest());
                assertEquals("approver@example.com", entry.actor());
            }
        }
    }

    @Test
    void readsOnlyItsOwnFunctionsEvidenceAndIsRefusedByTheGuardsWithoutIt(@TempDir Path dir) throws Exception {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation item = run.memoryCut("orders-api");
            run.storePlan(List.of(item));
            run.approveAll();
            Files.delete(Path.of(run.store.locate(ArtifactKeys.evidence(DemoRun.RUN_ID, item.functionArn()))));
            Files.delete(Path.of(run.store.locate(ArtifactKeys.plan(DemoRun.RUN_ID))));

            ApplyItemResponse response = run.applyItemStage().apply(run.request(item.id()));

            assertEquals(ApplyStatus.SKIPPED_GUARD, response.status(), "the snapshot still exists; the function's evidence does not");
            assertEquals(item.currentValue(), run.account.read(item.functionArn()).valueOf(RecommendationKind.MEMORY));
        }
    }

    @Test
    void aThrottledUpdateIsThrownForTheStateMachineToRetryAndTheRetryAppliesItOnce(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation item = run.memoryCut("orders-api");
            run.storePlan(List.of(item));
            run.approveAll();
            CountingConfigurator throttledOnce = new CountingConfigurator(run.account,
                    new ChangeFailedException("TooManyRequestsException", "Rate exceeded", true, null));

            TransientApplyException e = assertThrows(TransientApplyException.class,
                    () -> run.applyItemStage(throttledOnce, StepHook.NONE).apply(run.request(item.id())));
            assertTrue(e.getMessage().endsWith("TooManyRequestsException: Rate exceeded"), e.getMessage());
            assertTrue(run.artifacts.find(ArtifactKeys.outcome(DemoRun.RUN_ID, item.id()), ItemOutcome.class).isEmpty());
            assertEquals(List.of(LedgerAction.INTENT), actions(run, item));

            assertEquals(ApplyStatus.APPLIED, run.applyItemStage(throttledOnce, StepHook.NONE).apply(run.request(item.id())).status());
            assertEquals(List.of(LedgerAction.INTENT, LedgerAction.APPLIED), actions(run, item));
            assertEquals(1, throttledOnce.successfulUpdates.get());
        }
    }

    @Test
    void aFailureRetryingCannotFixIsTheItemsOutcomeAndItsIntentIsClosed(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation item = run.memoryCut("orders-api");
            run.storePlan(List.of(item));
            run.approveAll();
            CountingConfigurator refusing = new CountingConfigurator(run.account,
                    new ChangeFailedException("InvalidParameterValueException", "MemorySize is not allowed here", false, null));

            ApplyItemResponse response = run.applyItemStage(refusing, StepHook.NONE).apply(run.request(item.id()));

            assertEquals(ApplyStatus.FAILED, response.status());
            ItemOutcome stored = run.artifacts.find(ArtifactKeys.outcome(DemoRun.RUN_ID, item.id()), ItemOutcome.class).orElseThrow();
            assertEquals("InvalidParameterValueException: MemorySize is not allowed here", stored.reason());
            assertEquals(List.of(LedgerAction.INTENT, LedgerAction.ABANDONED), actions(run, item));
            assertEquals("3008", run.account.read(item.functionArn()).valueOf(RecommendationKind.MEMORY));
        }
    }

    @Test
    void anItemThatRacedAnotherItemOfTheSameFunctionIsRetriedAndThenApplies(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation memory = run.memoryCut("orders-api");
            Recommendation timeout = run.timeoutCut("orders-api");
            run.storePlan(List.of(memory, timeout));
            run.approveAll();
            FunctionSettings beforeMemoryChange = run.account.read(memory.functionArn());
            // the timeout item read the function just before the memory item changed it
            FunctionConfigurator staleFirstRead = new CountingConfigurator(run.account, null) {
                private boolean first = true;

                @Override
                public FunctionSettings read(String functionArn) {
                    if (first) {
                        first = false;
                        return beforeMemoryChange;
                    }
                    return super.read(functionArn);
                }
            };
            run.applyItemStage().apply(run.request(memory.id()));

            assertThrows(TransientApplyException.class, () -> run.applyItemStage(staleFirstRead, StepHook.NONE).apply(run.request(timeout.id())));
            ApplyItemResponse retried = run.applyItemStage().apply(run.request(timeout.id()));

            assertEquals(ApplyStatus.APPLIED, retried.status());
            assertEquals(timeout.proposedValue(), run.account.read(timeout.functionArn()).valueOf(RecommendationKind.TIMEOUT));
        }
    }

    @Test
    void aChangeBySomeoneElseIsASkippedDriftAndIsNotRetried(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation memory = run.memoryCut("orders-api");
            run.storePlan(List.of(memory));
            run.approveAll();
            FunctionSettings live = run.account.read(memory.functionArn());
            run.account.update(memory.functionArn(), RecommendationKind.TIMEOUT, "17", live.revisionId());

            assertEquals(ApplyStatus.SKIPPED_DRIFT, run.applyItemStage().apply(run.request(memory.id())).status());
        }
    }

    private static List<LedgerAction> actions(DemoRun run, Recommendation item) {
        return run.ledger.entriesOfItem(DemoRun.RUN_ID, item.id()).stream().map(LedgerEntry::action).toList();
    }

    /** The demo account, counting the updates that went through; the first update fails with {@code firstFailure}. */
    static class CountingConfigurator implements FunctionConfigurator {
        final FunctionConfigurator account;
        final AtomicInteger successfulUpdates = new AtomicInteger();
        private RuntimeException firstFailure;

        CountingConfigurator(FunctionConfigurator account, RuntimeException firstFailure) {
            this.account = account;
            this.firstFailure = firstFailure;
        }

        @Override
        public FunctionSettings read(String functionArn) {
            return account.read(functionArn);
        }

        @Override
        public AccountConcurrency accountConcurrency(String functionArn) {
            return account.accountConcurrency(functionArn);
        }

        @Override
        public FunctionSettings update(String functionArn, RecommendationKind kind, String value, String expectedRevisionId) {
            if (firstFailure != null) {
                RuntimeException failure = firstFailure;
                firstFailure = null;
                throw failure;
            }
            FunctionSettings after = account.update(functionArn, kind, value, expectedRevisionId);
            successfulUpdates.incrementAndGet();
            return after;
        }
    }
}
