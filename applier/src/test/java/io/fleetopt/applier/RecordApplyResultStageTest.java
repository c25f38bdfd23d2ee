package io.fleetopt.applier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ApprovalOutput;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DecisionWriter;
import io.fleetopt.core.port.RunLease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RecordApplyResult on the files a Distributed Map's ResultWriter writes, in Step Functions' format (manifest.json,
 * SUCCEEDED_0.json, FAILED_0.json under src/test/resources/aws/states/): what aws-local-stepfunctions does not write.
 */
class RecordApplyResultStageTest {

    private static final String MAP_RUN = "runs/" + DemoRun.RUN_ID + "/apply-results/8e5f6ed5-4b5c-3a3e-9a5c-0d8f0f5f2c11/";

    @Test
    void readsTheResultWritersManifestAndTurnsCaughtAndFailedChildrenIntoFailedItems(@TempDir Path dir) throws IOException {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation auto = run.memoryCut("payments-webhook");
            Recommendation autoCaught = run.timeoutCut("payments-webhook");
            Recommendation applied = run.memoryCut("cart-service");
            Recommendation caught = run.memoryCut("inventory-sync");
            Recommendation timedOut = run.memoryCut("orders-api");
            Recommendation unfinished = run.timeoutCut("orders-api");
            String planKey = run.storePlan(List.of(auto, autoCaught, applied, caught, timedOut, unfinished));
            String decisionKey = run.storeDecision(List.of(applied.id(), caught.id(), timedOut.id(), unfinished.id()), List.of());
            String autoKey = ArtifactKeys.autoDecision(DemoRun.RUN_ID);
            Decision autoDecision = new DecisionWriter(run.store, run.codec).write(autoKey, Decision.of(run.plan(),
                    List.of(auto.id(), autoCaught.id()), List.of(), AutoApplyStage.approver(List.of(io.fleetopt.core.model.Risk.LOW)),
                    Instant.parse("2026-11-02T08:00:00Z")), run.plan(), null);
            // ApplyAutoApproved's own map run: one child applied, one caught by the iteration's Catch
            String autoManifest;
            try (MapRunResults results = new MapRunResults(run.store)) {
                autoManifest = results.write(ArtifactKeys.applyResults(DemoRun.RUN_ID), "auto-map-run", List.of(
                        new MapRunResults.ChildResult("a", "SUCCEEDED", null,
                                results.text(new MapItemOutcome(auto.id(), "APPLIED", null, null)), null, null),
                        new MapRunResults.ChildResult("b", "SUCCEEDED", null, results.text(new MapItemOutcome(autoCaught.id(),
                                "FAILED", "io.fleetopt.applier.TransientApplyException", "ResourceConflictException")), null, null)),
                        List.of());
            }
            run.artifacts.write(ArtifactKeys.outcome(DemoRun.RUN_ID, auto.id()), outcome(auto, ApplyStatus.APPLIED));
            run.artifacts.write(ArtifactKeys.outcome(DemoRun.RUN_ID, applied.id()), outcome(applied, ApplyStatus.ALREADY_APPLIED));
            run.artifacts.write(ArtifactKeys.outcome(DemoRun.RUN_ID, caught.id()), outcome(caught, ApplyStatus.APPLIED));
            copyRecorded(run, "ResultWriter-manifest.json", MAP_RUN + "manifest.json");
            copyRecorded(run, "ResultWriter-SUCCEEDED_0.json", MAP_RUN + "SUCCEEDED_0.json");
            copyRecorded(run, "ResultWriter-FAILED_0.json", MAP_RUN + "FAILED_0.json");
            RunState state = RunState.start(DemoRun.RUN_ID).withPlan(planKey, 6, 6, null);

            RunState recorded = stage(run).record(new RecordApplyResultRequest(state, ApprovalOutput.of(decisionKey, run.decision()),
                    AutoApplyResponse.of(autoKey, autoDecision, 4), mapRun(autoManifest), mapRun(MAP_RUN + "manifest.json")));

            assertEquals(decisionKey, recorded.decisionKey());
            assertEquals(ArtifactKeys.result(DemoRun.RUN_ID), recorded.resultKey());
            ApplyResult result = run.artifacts.read(recorded.resultKey(), ApplyResult.class, "apply result");
            assertEquals(List.of(auto.id(), autoCaught.id(), applied.id(), caught.id(), timedOut.id(), unfinished.id()),
                    result.items().stream().map(ItemOutcome::itemId).toList());
            assertEquals(List.of(ApplyStatus.APPLIED, ApplyStatus.FAILED, ApplyStatus.ALREADY_APPLIED, ApplyStatus.FAILED,
                    ApplyStatus.FAILED, ApplyStatus.FAILED), result.items().stream().map(ItemOutcome::status).toList());
            assertEquals("io.fleetopt.applier.TransientApplyException: ResourceConflictException", result.items().get(1).reason(),
                    "read from ApplyAutoApproved's own manifest");
            assertEquals("Lambda.TooManyRequestsException: Rate exceeded", result.items().get(3).reason(),
                    "the iteration's Catch outranks what it stored before it failed");
            assertEquals("States.Timeout: The execution exceeded the maximum duration of an Express workflow (5 minutes).",
                    result.items().get(4).reason());
            assertEquals("no outcome was recorded for this item (its apply step did not finish)", result.items().get(5).reason());
        }
    }

    @Test
    void refusesAManifestOutsideTheRunsOwnResults(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation applied = run.memoryCut("cart-service");
            String planKey = run.storePlan(List.of(applied));
            String decisionKey = run.storeDecision(List.of(applied.id()), List.of());
            RunState state = RunState.start(DemoRun.RUN_ID).withPlan(planKey, 1, 1, null);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stage(run).record(
                    new RecordApplyResultRequest(state, ApprovalOutput.of(decisionKey, run.decision()),
                            AutoApplyResponse.nothingApproved(1), null, mapRun("runs/other-run/apply-results/x/manifest.json"))));

            assertTrue(e.getMessage().startsWith("ResultWriterDetails.Key: is 'runs/other-run/"), e.getMessage());
            assertTrue(run.artifacts.find(ArtifactKeys.result(DemoRun.RUN_ID), ApplyResult.class).isEmpty());
        }
    }

    private static RecordApplyResultStage stage(DemoRun run) {
        return new RecordApplyResultStage(run.store, run.codec, run.account.clock(), RunLease.NONE);
    }

    private static MapRunOutput mapRun(String manifestKey) {
        return new MapRunOutput("arn:aws:states:us-east-1:123456789012:mapRun:fleetopt-weekly-run/ApplyApproved:8e5f6ed5",
                new MapRunOutput.ResultWriterDetails("fleetopt-artifacts-123456789012", manifestKey));
    }

    private static void copyRecorded(DemoRun run, String resource, String key) throws IOException {
        try (InputStream in = RecordApplyResultStageTest.class.getResourceAsStream("/aws/states/" + resource)) {
            run.store.put(key, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static ItemOutcome outcome(Recommendation item, ApplyStatus status) {
        return new ItemOutcome(item.id(), item.functionArn(), item.functionName(), item.kind(), status,
                item.currentValue(), item.proposedValue(), null);
    }
}
