package io.fleetopt.analyzer;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.TargetRunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MapRunResults;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IndexRun at the handler's level, on the files a Distributed Map's ResultWriter writes (a manifest naming result
 * files by status, each a JSON array of child executions with Input and Output as JSON strings), which
 * aws-local-stepfunctions does not write.
 */
class IndexRunStageTest {

    private static final String RUN = "2026-11-02-org";
    private final DocumentCodec codec = new DocumentCodec();
    private DirectoryArtifactStore store;
    private IndexRunStage stage;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        store = new DirectoryArtifactStore(dir);
        stage = new IndexRunStage(new MapRunResults(store), new DocumentStore(store, codec), codec);
    }

    @Test
    void indexesEverySucceededTargetWithItsTotalsAndListsTheFailedOnes() throws IOException {
        CollectTarget a = target("210987654321", "us-east-1");
        CollectTarget b = target("210987654321", "eu-west-1");
        CollectTarget c = target("333344445555", "us-east-1");
        String manifest = writeResults(List.of(succeeded(a, 120, 30, 20, "412.50"), succeeded(b, 8, 2, 1, "3.10")),
                List.of(failed(c, "io.fleetopt.aws.MemberRoleDeniedException", "cannot assume ...")));

        RunState out = stage.run(new IndexRequest(RunState.start(RUN), manifest));

        RunIndex index = codec.read(store.get(ArtifactKeys.index(RUN)).orElseThrow(), RunIndex.class, "index");
        assertEquals(RunIndex.SCHEMA_VERSION, index.schemaVersion());
        assertEquals(List.of("eu-west-1", "us-east-1"), index.targets().stream().map(RunIndex.Entry::region).toList());
        assertEquals(ArtifactKeys.plan(RUN, b), index.targets().get(0).planKey());
        assertEquals(ArtifactKeys.snapshot(RUN, b), index.targets().get(0).snapshotKey());
        assertEquals(digestOf(b), index.targets().get(0).planDigest(), "each entry carries its plan's digest");
        assertEquals(new RunIndex.Totals(1, 2, 128, 32, 21, new BigDecimal("415.60")), index.totals());
        assertEquals(List.of(new RunIndex.FailedTarget("333344445555", "us-east-1",
                "io.fleetopt.aws.MemberRoleDeniedException", "cannot assume ...")), index.failedTargets());
        assertEquals(128, out.functionCount());
        assertEquals(32, out.itemCount());
        assertEquals(21, out.applyItemCount());
        assertEquals(new BigDecimal("415.60"), out.monthlySavingUsd());
        assertEquals(ArtifactKeys.index(RUN), out.planKey(), "the plan the approver decides on is the index");
    }

    @Test
    void aChildOfAnotherRunIsRefusedAndNoIndexIsWritten() throws IOException {
        TargetRunState other = new TargetRunState("2026-10-26-org", target("210987654321", "us-east-1"), "s", "p", 1, 0, 0, BigDecimal.ZERO,
                digestOf(target("210987654321", "us-east-1")));
        String manifest = writeResults(List.of(child("SUCCEEDED", other, other, null, null)), List.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stage.run(new IndexRequest(RunState.start(RUN), manifest)));

        assertTrue(e.getMessage().contains("2026-10-26-org"), e.getMessage());
        assertTrue(store.get(ArtifactKeys.index(RUN)).isEmpty());
    }

    @Test
    void aManifestWithoutResultFilesIsNamed() {
        store.put("runs/" + RUN + "/target-results/m/manifest.json", "{\"DestinationBucket\":\"b\"}");
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> stage.run(
                new IndexRequest(RunState.start(RUN), "runs/" + RUN + "/target-results/m/manifest.json")));
        assertTrue(e.getMessage().contains("ResultFiles"), e.getMessage());
    }

    @Test
    void anIndexWhoseTotalsAreNotTheSumsOfItsTargetsIsRejectedWhenRead() {
        RunIndex index = RunIndex.of(RUN, List.of(new RunIndex.Entry("210987654321", "us-east-1", "s", "p",
                digestOf(target("210987654321", "us-east-1")), 5, 2, 1,
                BigDecimal.ONE)), List.of());
        RunIndex tampered = new RunIndex(index.schemaVersion(), RUN, index.targets(), List.of(),
                new RunIndex.Totals(1, 1, 5, 2, 1, BigDecimal.TEN));
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> codec.read(codec.write(tampered), RunIndex.class, "index.json"));
        assertTrue(e.getMessage().contains("totals"), e.getMessage());
    }

    /** A digest standing for the target's plan. */
    private static String digestOf(CollectTarget t) {
        return io.fleetopt.core.model.PlanDigest.ofText("plan of " + t.path());
    }

    private static CollectTarget target(String account, String region) {
        return new CollectTarget(account, region, "arn:aws:iam::" + account + ":role/fleetopt-member");
    }

    private Map<String, Object> succeeded(CollectTarget t, int functions, int items, int apply, String saving) {
        TargetRunState in = TargetRunState.start(RUN, t);
        TargetRunState out = in.withSnapshot(ArtifactKeys.snapshot(RUN, t), functions)
                .withPlan(ArtifactKeys.plan(RUN, t), digestOf(t), items, apply, new BigDecimal(saving));
        return child("SUCCEEDED", in, out, null, null);
    }

    private Map<String, Object> failed(CollectTarget t, String error, String cause) {
        return child("FAILED", TargetRunState.start(RUN, t), null, error, cause);
    }

    /** One child execution as ResultWriter records it. */
    private Map<String, Object> child(String status, TargetRunState input, TargetRunState output, String error, String cause) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ExecutionArn", "arn:aws:states:us-east-1:111111111111:execution:fleetopt-WeeklyRun/CollectAndAnalyzeEachTarget:" + input.target().path().replace('/', '-'));
        e.put("Input", codec.write(input));
        e.put("InputDetails", Map.of("Included", true));
        e.put("Name", input.target().path().replace('/', '-'));
        if (output != null) {
            e.put("Output", codec.write(output));
            e.put("OutputDetails", Map.of("Included", true));
        }
        if (error != null) {
            e.put("Error", error);
            e.put("Cause", cause);
        }
        e.put("RedriveCount", 0);
        e.put("StartDate", "2026-11-02T06:00:01.000Z");
        e.put("StateMachineArn", "arn:aws:states:us-east-1:111111111111:stateMachine:fleetopt-WeeklyRun/CollectAndAnalyzeEachTarget:9f1c");
        e.put("Status", status);
        e.put("StopDate", "2026-11-02T06:03:12.000Z");
        return e;
    }

    private String writeResults(List<Map<String, Object>> succeeded, List<Map<String, Object>> failed) throws IOException {
        ObjectMapper json = ObjectMapper.getDefault();
        String prefix = ArtifactKeys.targetResults(RUN) + "/0f1e2d3c";
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("FAILED", fileList(prefix + "/FAILED_0.json", failed, json));
        files.put("PENDING", List.of());
        files.put("SUCCEEDED", fileList(prefix + "/SUCCEEDED_0.json", succeeded, json));
        store.put(prefix + "/manifest.json", json.writeValueAsString(Map.of("DestinationBucket", "fleetopt-artifacts",
                "MapRunArn", "arn:aws:states:us-east-1:111111111111:mapRun:fleetopt-WeeklyRun/CollectAndAnalyzeEachTarget:9f1c",
                "ResultFiles", files)));
        return prefix + "/manifest.json";
    }

    private List<Map<String, Object>> fileList(String key, List<Map<String, Object>> children, ObjectMapper json) throws IOException {
        if (children.isEmpty()) {
            return new ArrayList<>();
        }
        String text = json.writeValueAsString(children);
        store.put(key, text);
        return List.of(Map.of("Key", key, "Size", text.length()));
    }
}
