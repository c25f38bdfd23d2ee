package io.fleetopt.cli;

import io.fleetopt.analyzer.AnalyzeHandler;
import io.fleetopt.applier.ApplyItemHandler;
import io.fleetopt.applier.ApplyItemRequest;
import io.fleetopt.applier.ApplyItemResponse;
import io.fleetopt.applier.MapItemOutcome;
import io.fleetopt.applier.RecordApplyResultHandler;
import io.fleetopt.applier.RecordApplyResultRequest;
import io.fleetopt.collector.CollectHandler;
import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.notifier.NotifySummaryHandler;
import io.fleetopt.notifier.VerifyEarlierChangesHandler;
import io.fleetopt.notifier.WireAlarmsHandler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lambda handlers, wired by Micronaut with fleetopt.account=demo, carry a run from state to state. */
class HandlersOnDemoAccountTest {

    @TempDir
    Path stateDir;

    private ApplicationContextBuilder demo() {
        return ApplicationContext.builder().properties(Map.of("fleetopt.account", "demo", "fleetopt.state-dir", stateDir.toString()));
    }

    @Test
    void theStagesHandlersCarryARunThroughTheWeeklyFlow() throws Exception {
        RunState state = RunState.start("run-h1");
        try (VerifyEarlierChangesHandler verify = new VerifyEarlierChangesHandler(demo())) {
            state = verify.execute(state);
        }
        try (CollectHandler collect = new CollectHandler(demo())) {
            state = collect.execute(state);
        }
        assertEquals(ArtifactKeys.snapshot("run-h1"), state.snapshotKey());
        assertTrue(state.functionCount() >= 28, "functions: " + state.functionCount());
        try (AnalyzeHandler analyze = new AnalyzeHandler(demo())) {
            state = analyze.execute(state);
        }
        assertTrue(state.applyItemCount() > 0);
        Path artifacts = stateDir.resolve("artifacts");
        try (DocumentCodec codec = new DocumentCodec()) {
            Plan plan = codec.read(Files.readString(artifacts.resolve(state.planKey())), Plan.class, "plan");
            List<String> approved = plan.applicableItems().stream().limit(3).map(Recommendation::id).toList();
            io.fleetopt.core.local.DirectoryArtifactStore store = new io.fleetopt.core.local.DirectoryArtifactStore(artifacts);
            Decision decision = new io.fleetopt.core.port.DecisionWriter(store, codec).write(ArtifactKeys.decision("run-h1"),
                    Decision.of(plan, approved, List.of(), "ana@example.com", Instant.EPOCH), plan, null);
            state = state.withDecision(ArtifactKeys.decision("run-h1"));
            // as the state machine does: one ApplyItem per line of the approved items file, then RecordApplyResult
            try (ApplyItemHandler apply = new ApplyItemHandler(demo())) {
                for (var line : new io.fleetopt.core.port.ItemsFile(store, codec).read(decision.approvedItemsKey(), null, null)) {
                    apply.execute(new ApplyItemRequest("run-h1", state.decisionKey(), decision.planDigest(), line));
                }
            }
            try (RecordApplyResultHandler record = new RecordApplyResultHandler(demo())) {
                state = record.execute(new RecordApplyResultRequest(state,
                        io.fleetopt.core.model.ApprovalOutput.of(state.decisionKey(), decision), null, null, null));
            }
            ApplyResult result = codec.read(Files.readString(artifacts.resolve(state.resultKey())), ApplyResult.class, "result");
            assertEquals(3, result.count(ApplyStatus.APPLIED), result.toString());
        }
        try (WireAlarmsHandler alarms = new WireAlarmsHandler(demo())) {
            state = alarms.execute(state);
        }
        try (NotifySummaryHandler summary = new NotifySummaryHandler(demo())) {
            summary.execute(state);
        }
        assertTrue(Files.readString(stateDir.resolve("outbox").resolve("run-h1-summary.txt")).contains("Applied 3"));
        try (DocumentCodec codec = new DocumentCodec()) {
            assertTrue(!DemoAccount.open(stateDir, false, codec).alarms().isEmpty(), "guard alarms were wired");
        }
    }
}
