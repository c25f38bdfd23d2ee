package io.fleetopt.applier;

import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplyItemStageTest {

    @Test
    void appliesTheApprovedItemAndKeepsItsOutcomeForTheResult(@TempDir Path dir) {
        try (StateMachineApplyFixture run = new StateMachineApplyFixture(dir)) {
            Recommendation item = run.memoryChange("orders-api", Risk.LOW);
            String planKey = run.storePlan(List.of(item));
            String decisionKey = run.storeDecision(List.of(item.id()), List.of());

            ApplyItemResponse response = run.applyItemStage(run.account)
                    .apply(new ApplyItemRequest(StateMachineApplyFixture.RUN_ID, planKey, decisionKey, item.id()));

            assertEquals(new ApplyItemResponse(item.id(), ApplyStatus.APPLIED), response);
            assertEquals(item.proposedValue(), run.account.read(item.functionArn()).valueOf(RecommendationKind.MEMORY));
            ItemOutcome stored = run.artifacts.find(ArtifactKeys.outcome(StateMachineApplyFixture.RUN_ID, item.id()), ItemOutcome.class).orElseThrow();
            assertEquals(ApplyStatus.APPLIED, stored.status());
            assertEquals(1, run.ledger.entriesOfRun(StateMachineApplyFixture.RUN_ID).size());
        }
    }

    @Test
    void refusesAnItemTheDecisionDoesNotApproveAndChangesNothing(@TempDir Path dir) {
        try (StateMachineApplyFixture run = new StateMachineApplyFixture(dir)) {
            Recommendation approved = run.memoryChange("orders-api", Risk.LOW);
            Recommendation rejected = run.memoryChange("cart-service", Risk.LOW);
            String planKey = run.storePlan(List.of(approved, rejected));
            String decisionKey = run.storeDecision(List.of(approved.id()), List.of(rejected.id()));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.applyItemStage(run.account)
                    .apply(new ApplyItemRequest(StateMachineApplyFixture.RUN_ID, planKey, decisionKey, rejected.id())));

            assertTrue(e.getMessage().contains("does not approve item " + rejected.id()), e.getMessage());
            assertEquals(rejected.currentValue(), run.account.read(rejected.functionArn()).valueOf(RecommendationKind.MEMORY));
            assertEquals(List.of(), run.ledger.entriesOfRun(StateMachineApplyFixture.RUN_ID));
        }
    }

    @Test
    void throwsAThrottledUpdateForTheStateMachineToRetryAndStoresNoOutcome(@TempDir Path dir) {
        try (StateMachineApplyFixture run = new StateMachineApplyFixture(dir)) {
            Recommendation item = run.memoryChange("orders-api", Risk.LOW);
            String planKey = run.storePlan(List.of(item));
            String decisionKey = run.storeDecision(List.of(item.id()), List.of());

            TransientApplyException e = assertThrows(TransientApplyException.class, () -> run.applyItemStage(
                    failingUpdates(run.account, new TooManyRequestsException("Rate exceeded")))
                    .apply(new ApplyItemRequest(StateMachineApplyFixture.RUN_ID, planKey, decisionKey, item.id())));

            assertTrue(e.getMessage().contains("TooManyRequestsException: Rate exceeded"), e.getMessage());
            assertTrue(run.artifacts.find(ArtifactKeys.outcome(StateMachineApplyFixture.RUN_ID, item.id()), ItemOutcome.class).isEmpty());
        }
    }

    @Test
    void recordsAFailureThatRetryingCannotFixAsTheItemsOutcome(@TempDir Path dir) {
        try (StateMachineApplyFixture run = new StateMachineApplyFixture(dir)) {
            Recommendation item = run.memoryChange("orders-api", Risk.LOW);
            String planKey = run.storePlan(List.of(item));
            String decisionKey = run.storeDecision(List.of(item.id()), List.of());

            ApplyItemResponse response = run.applyItemStage(
                    failingUpdates(run.account, new IllegalStateException("memory 512 MB is not allowed here")))
                    .apply(new ApplyItemRequest(StateMachineApplyFixture.RUN_ID, planKey, decisionKey, item.id()));

            assertEquals(ApplyStatus.FAILED, response.status());
            ItemOutcome stored = run.artifacts.find(ArtifactKeys.outcome(StateMachineApplyFixture.RUN_ID, item.id()), ItemOutcome.class).orElseThrow();
            assertEquals("IllegalStateException: memory 512 MB is not allowed here", stored.reason());
        }
    }

    @Test
    void itemThatRacedAnotherItemOfTheSameFunctionIsRetriedAndThenApplies(@TempDir Path dir) {
        try (StateMachineApplyFixture run = new StateMachineApplyFixture(dir)) {
            Recommendation memory = run.memoryChange("orders-api", Risk.LOW);
            Recommendation timeout = run.timeoutChange("orders-api", Risk.LOW);
            String planKey = run.storePlan(List.of(memory, timeout));
            String decisionKey = run.storeDecision(List.of(memory.id(), timeout.id()), List.of());
            FunctionSettings beforeMemoryChange = run.account.read(memory.functionArn());
            // the timeout item read the function just before the memory item changed it
            FunctionConfigurator staleFirstRead = new FunctionConfigurator() {
                private boolean first = true;

                @Override
                public FunctionSettings read(String functionArn) {
                    if (first) {
                        first = false;
                        return beforeMemoryChange;
                    }
                    return run.account.read(functionArn);
                }

                @Override
                public FunctionSettings update(String functionArn, RecommendationKind kind, String value, String revision) {
                    return run.account.update(functionArn, kind, value, revision);
                }
            };
            run.applyItemStage(run.account).apply(new ApplyItemRequest(StateMachineApplyFixture.RUN_ID, planKey, decisionKey,
                    memory.id()));

            assertThrows(TransientApplyException.class, () -> run.applyItemStage(staleFirstRead)
                    .apply(new ApplyItemRequest(StateMachineApplyFixture.RUN_ID, planKey, decisionKey, timeout.id())));
            ApplyItemResponse retried = run.applyItemStage(run.account)
                    .apply(new ApplyItemRequest(StateMachineApplyFixture.RUN_ID, planKey, decisionKey, timeout.id()));

            assertEquals(ApplyStatus.APPLIED, retried.status());
            assertEquals(timeout.proposedValue(), run.account.read(timeout.functionArn()).valueOf(RecommendationKind.TIMEOUT));
        }
    }

    @Test
    void changeBySomeoneElseStaysASkippedDriftAndIsNotRetried(@TempDir Path dir) {
        try (StateMachineApplyFixture run = new StateMachineApplyFixture(dir)) {
            Recommendation memory = run.memoryChange("orders-api", Risk.LOW);
            String planKey = run.storePlan(List.of(memory));
            String decisionKey = run.storeDecision(List.of(memory.id()), List.of());
            FunctionSettings live = run.account.read(memory.functionArn());
            run.account.update(memory.functionArn(), RecommendationKind.TIMEOUT, "17", live.revisionId());

            ApplyItemResponse response = run.applyItemStage(run.account)
                    .apply(new ApplyItemRequest(StateMachineApplyFixture.RUN_ID, planKey, decisionKey, memory.id()));

            assertEquals(ApplyStatus.SKIPPED_DRIFT, response.status());
        }
    }

    @Test
    void tellsTransientFailuresFromTheRestByTheErrorTheApplierReports() {
        assertTrue(TransientApplyException.isTransient("TooManyRequestsException: Rate exceeded"));
        assertTrue(TransientApplyException.isTransient("ResourceConflictException: An update is in progress"));
        assertTrue(!TransientApplyException.isTransient("InvalidParameterValueException: MemorySize"));
        assertTrue(!TransientApplyException.isTransient(null));
    }

    /** Reads as the demo account does; every update fails with {@code failure}. */
    private static FunctionConfigurator failingUpdates(DemoAccount account, RuntimeException failure) {
        return new FunctionConfigurator() {
            @Override
            public FunctionSettings read(String functionArn) {
                return account.read(functionArn);
            }

            @Override
            public FunctionSettings update(String functionArn, RecommendationKind kind, String value, String expectedRevisionId) {
                throw failure;
            }
        };
    }

    /** Named as the Lambda service's throttling error is. */
    private static final class TooManyRequestsException extends RuntimeException {
        TooManyRequestsException(String message) {
            super(message);
        }
    }
}
