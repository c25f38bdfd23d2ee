package io.fleetopt.applier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordApplyResultStageTest {

    @Test
    void gathersStoredOutcomesAndTurnsACaughtIterationIntoAFailedItem(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation auto = run.memoryCut("orders-api");
            Recommendation applied = run.memoryCut("cart-service");
            Recommendation caught = run.memoryCut("inventory-sync");
            String planKey = run.storePlan(List.of(auto, applied, caught));
            String decisionKey = run.storeDecision(List.of(applied.id(), caught.id()), List.of());
            run.artifacts.write(ArtifactKeys.outcome(DemoRun.RUN_ID, auto.id()), outcome(auto, ApplyStatus.APPLIED));
            run.artifacts.write(ArtifactKeys.outcome(DemoRun.RUN_ID, applied.id()), outcome(applied, ApplyStatus.ALREADY_APPLIED));
            RunState state = RunState.start(DemoRun.RUN_ID).withPlan(planKey, 3, 3, null);

            RunState recorded = new RecordApplyResultStage(run.artifacts, run.account.clock(), io.fleetopt.core.port.RunLease.NONE).record(
                    new RecordApplyResultRequest(state, decisionKey, new AutoApplyResponse(List.of(auto.id()), 0), List.of(
                            new MapItemOutcome(applied.id(), "ALREADY_APPLIED", null, null),
                            new MapItemOutcome(caught.id(), "FAILED", "Lambda.TooManyRequestsException", "Rate exceeded"))));

            assertEquals(decisionKey, recorded.decisionKey());
            assertEquals(ArtifactKeys.result(DemoRun.RUN_ID), recorded.resultKey());
            ApplyResult result = run.artifacts.read(recorded.resultKey(), ApplyResult.class, "apply result");
            assertEquals(List.of(auto.id(), applied.id(), caught.id()), result.items().stream().map(ItemOutcome::itemId).toList());
            assertEquals(List.of(ApplyStatus.APPLIED, ApplyStatus.ALREADY_APPLIED, ApplyStatus.FAILED),
                    result.items().stream().map(ItemOutcome::status).toList());
            assertEquals("Lambda.TooManyRequestsException: Rate exceeded", result.items().get(2).reason());
        }
    }

    private static ItemOutcome outcome(Recommendation item, ApplyStatus status) {
        return new ItemOutcome(item.id(), item.functionArn(), item.functionName(), item.kind(), status,
                item.currentValue(), item.proposedValue(), null);
    }
}
