package io.fleetopt.applier;

import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
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

import java.nio.file.Path;
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
    void refusesAnItemTheDecisionDoesNotApproveAndChangesNothing(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation approved = run.memoryCut("orders-api");
            Recommendation rejected = run.memoryCut("cart-service");
            run.storePlan(List.of(approved, rejected));
            run.storeDecision(List.of(approved.id()), List.of(rejected.id()));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run.applyItemStage().apply(run.request(rejected.id())));

            assertTrue(e.getMessage().contains("does not approve item " + rejected.id()), e.getMessage());
            assertEquals(rejected.currentValue(), run.account.read(rejected.functionArn()).valueOf(RecommendationKind.MEMORY));
            assertEquals(List.of(), run.ledger.entriesOfRun(DemoRun.RUN_ID));
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
