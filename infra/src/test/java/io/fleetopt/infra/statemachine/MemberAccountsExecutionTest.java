package io.fleetopt.infra.statemachine;

import io.fleetopt.analyzer.IndexRequest;
import io.fleetopt.analyzer.IndexRunHandler;
import io.fleetopt.collector.ListTargetsHandler;
import io.fleetopt.collector.TargetList;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.infra.FleetoptStack;
import io.fleetopt.infra.StageFunction;
import io.fleetopt.infra.statemachine.HandlerBridge.Approver;
import io.fleetopt.notifier.NotifyIndexedPlanHandler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A weekly run over member accounts on the demo account, as far as aws-local-stepfunctions (3.0.0) goes: it runs a
 * Map's ItemProcessor over an array in the state, but has no ItemReader (S3) and no ResultWriter. So each child
 * execution of CollectAndAnalyzeEachTarget runs in it, the definition's own ItemProcessor on the real handlers,
 * and this test does the Map's S3 parts as Step Functions does them: it reads the JSON Lines ListTargets wrote,
 * applies the Map's ItemSelector, and writes the manifest and result files that IndexRun reads. ListTargets, IndexRun
 * and NotifyIndexedPlan run at the handler level.
 */
class MemberAccountsExecutionTest {

    private static final Path REPO = StateMachineDefinitionTest.repoRoot();
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String RUN = "2026-11-02-members";

    @Test
    @SuppressWarnings("unchecked")
    void eachAccountAndRegionIsCollectedAndAnalyzedInItsOwnChildExecutionAndTheRunIsIndexed(@TempDir Path stateDir) throws IOException {
        // the demo has one account (123456789012) with its fleet in us-east-1; 210987654321 cannot be read there
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fleetopt.organization.member-accounts", "123456789012,210987654321");
        properties.put("fleetopt.collector.regions", "us-east-1,eu-west-1");
        Map<String, Object> demo = new LinkedHashMap<>(properties);
        demo.put("fleetopt.account", "demo");
        demo.put("fleetopt.state-dir", stateDir.toString());
        DirectoryArtifactStore store = new DirectoryArtifactStore(stateDir.resolve("artifacts"));
        DocumentCodec codec = new DocumentCodec();

        TargetList targets;
        try (ListTargetsHandler handler = new ListTargetsHandler(ApplicationContext.builder().properties(demo).deduceEnvironment(false))) {
            targets = handler.handleRequest(RunState.start(RUN), new LocalLambdaContext("fleetopt-ListTargets"));
        }
        assertEquals(4, targets.targetCount());

        Map<String, Object> definition = JSON.readValue(Files.readAllBytes(REPO.resolve("statemachine.asl.json")),
                Argument.mapOf(String.class, Object.class));
        Map<String, Object> map = (Map<String, Object>) ((Map<String, Object>) definition.get("States")).get("CollectAndAnalyzeEachTarget");
        assertEquals(Map.of("Mode", "DISTRIBUTED", "ExecutionType", "STANDARD"),
                ((Map<String, Object>) map.get("ItemProcessor")).get("ProcessorConfig"));
        Path child = stateDir.resolve("child.asl.json");
        Map<String, Object> processor = new LinkedHashMap<>((Map<String, Object>) map.get("ItemProcessor"));
        processor.remove("ProcessorConfig");
        Files.write(child, JSON.writeValueAsBytes(processor));

        List<Map<String, Object>> succeeded = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        try (HandlerBridge bridge = new HandlerBridge(stateDir, properties, Approver.APPROVES_EVERYTHING, HandlerBridge.NO_FAULT)) {
            int i = 0;
            for (String line : store.get(targets.targetsKey()).orElseThrow().lines().toList()) {
                Object item = JSON.readValue(line, Argument.mapOf(String.class, Object.class));
                Map<String, Object> input = itemSelector((Map<String, Object>) map.get("ItemSelector"), item);
                LocalExecution execution = LocalExecution.runDefinition(NodeTools.installed(REPO), child, functionArns(),
                        bridge, "child-" + i++, input);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("ExecutionArn", "arn:aws:states:us-east-1:123456789012:execution:fleetopt-WeeklyRun/CollectAndAnalyzeEachTarget:child-" + i);
                result.put("Input", new String(JSON.writeValueAsBytes(input), StandardCharsets.UTF_8));
                result.put("Status", execution.status());
                if ("SUCCEEDED".equals(execution.status())) {
                    result.put("Output", new String(JSON.writeValueAsBytes(execution.output()), StandardCharsets.UTF_8));
                    succeeded.add(result);
                } else {
                    result.put("Error", execution.error());
                    result.put("Cause", execution.cause());
                    failed.add(result);
                }
            }
            assertEquals(List.of("CollectTarget", "AnalyzeTarget", "CollectTarget", "AnalyzeTarget", "CollectTarget", "CollectTarget"),
                    bridge.statesCalled(), failed + " the other account's targets fail at CollectTarget, after its retries (none for this error)");
        }
        assertEquals(2, succeeded.size());
        assertEquals(2, failed.size());
        String manifestKey = writeResultWriterFiles(store, targets.resultPrefix(), succeeded, failed);

        RunState indexed;
        try (IndexRunHandler handler = new IndexRunHandler(ApplicationContext.builder().properties(demo).deduceEnvironment(false))) {
            indexed = handler.handleRequest(new IndexRequest(RunState.start(RUN), manifestKey), new LocalLambdaContext("fleetopt-IndexRun"));
        }
        RunIndex index = codec.read(store.get(ArtifactKeys.index(RUN)).orElseThrow(), RunIndex.class, "index");
        assertEquals(List.of("123456789012/eu-west-1", "123456789012/us-east-1"),
                index.targets().stream().map(e -> e.accountId() + "/" + e.region()).toList());
        RunIndex.Entry east = index.targets().get(1);
        Plan plan = codec.read(store.get(east.planKey()).orElseThrow(), Plan.class, "plan");
        assertEquals("runs/" + RUN + "/accounts/123456789012/us-east-1/plan.json", east.planKey());
        assertEquals(plan.items().size(), east.itemCount());
        assertEquals(plan.applicableItems().size(), east.applyItemCount());
        assertTrue(east.functionCount() > 30, "the demo fleet: " + east.functionCount());
        assertEquals(0, index.targets().get(0).functionCount(), "the demo has no functions in eu-west-1");
        assertEquals(List.of("210987654321/eu-west-1", "210987654321/us-east-1"),
                index.failedTargets().stream().map(f -> f.accountId() + "/" + f.region()).toList());
        assertEquals("java.lang.IllegalArgumentException", index.failedTargets().get(0).error());
        assertEquals(east.functionCount(), indexed.functionCount());
        assertEquals(east.applyItemCount(), indexed.applyItemCount());

        try (NotifyIndexedPlanHandler handler = new NotifyIndexedPlanHandler(ApplicationContext.builder().properties(demo).deduceEnvironment(false))) {
            handler.handleRequest(indexed, new LocalLambdaContext("fleetopt-NotifyIndexedPlan"));
        }
        String outbox;
        try (var files = Files.list(stateDir.resolve("outbox"))) {
            outbox = Files.readString(files.findFirst().orElseThrow());
        }
        assertTrue(outbox.contains(east.applyItemCount() + " changes proposed across 1 account and 2 regions"), outbox);
        assertTrue(outbox.contains("Not collected (2)"), outbox);
    }

    @Test
    void anApprovedRunOverMemberAccountsIsAppliedThroughTheSameApprovalAndApplyApprovedMapAndSummarized(@TempDir Path stateDir)
            throws IOException {
        // the demo account stands for the one member account, in its one region: every target is collected
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fleetopt.organization.member-accounts", "123456789012");
        properties.put("fleetopt.collector.regions", "us-east-1");
        String run = "2026-11-02-members-approved";
        try (HandlerBridge bridge = new HandlerBridge(stateDir, properties, Approver.APPROVES_EVERYTHING, HandlerBridge.NO_FAULT)) {
            LocalExecution execution = LocalExecution.run(NodeTools.installed(REPO), REPO, bridge, run, 72 * 3600, true);

            Path failure = stateDir.resolve("outbox/" + run + "-failure.txt");
            assertEquals("SUCCEEDED", execution.status(), bridge.statesCalled() + " "
                    + (Files.exists(failure) ? Files.readString(failure) : execution.error() + ": " + execution.cause()));
            List<String> stages = bridge.statesCalled().stream().filter(st -> !st.equals("ApplyItem")).toList();
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "ListTargets", "CollectTarget", "AnalyzeTarget",
                    "IndexRun", "RequestApproval", "RecordApplyResult", "WireAlarms", "NotifySummary"), stages,
                    "no AutoApply for member accounts; WireAlarms guards their changes");
            DocumentCodec codec = new DocumentCodec();
            DirectoryArtifactStore store = new DirectoryArtifactStore(stateDir.resolve("artifacts"));
            RunIndex index = codec.read(store.get(ArtifactKeys.index(run)).orElseThrow(), RunIndex.class, "index");
            io.fleetopt.core.model.ApplyResult result = codec.read(store.get(ArtifactKeys.result(run)).orElseThrow(),
                    io.fleetopt.core.model.ApplyResult.class, "result");
            long applyItems = bridge.statesCalled().stream().filter("ApplyItem"::equals).count();
            assertEquals(index.totals().applyItemCount(), applyItems, "one ApplyItem per change of the index");
            assertEquals(applyItems, result.count(io.fleetopt.core.model.ApplyStatus.APPLIED), result.toString());
            List<io.fleetopt.core.port.LedgerEntry> ledger = new io.fleetopt.core.local.JsonLinesChangeLedger(
                    stateDir.resolve("ledger.jsonl"), codec).entriesOfRun(run);
            String planDigest = index.targets().get(0).planDigest();
            assertTrue(!ledger.isEmpty() && ledger.stream().allMatch(e -> e.functionArn().startsWith("arn:aws:lambda:us-east-1:123456789012:")
                    && planDigest.equals(e.planDigest())), "each change is ledgered with its target plan's digest: " + ledger);
            String summary;
            try (var files = Files.list(stateDir.resolve("outbox"))) {
                summary = Files.readString(files.filter(f -> f.getFileName().toString().contains("summary")).findFirst().orElseThrow());
            }
            assertTrue(summary.contains(applyItems + " changes applied across 1 account and 1 region"), summary);
            assertTrue(summary.contains("The changed functions in member accounts have guard alarms (fleetopt-<function>-<kind>) "
                    + "in their own account and region"), summary);
            // the demo account stands for the member account: WireAlarms put the changed functions' alarms there
            java.util.Set<String> changed = ledger.stream().map(io.fleetopt.core.port.LedgerEntry::functionArn)
                    .collect(java.util.stream.Collectors.toSet());
            List<io.fleetopt.core.port.GuardAlarm> alarms = io.fleetopt.core.demo.DemoAccount.open(stateDir, false, codec).alarms()
                    .stream().filter(a -> run.equals(a.runId())).toList();
            java.util.Set<String> guarded = alarms.stream().map(io.fleetopt.core.port.GuardAlarm::functionArn)
                    .collect(java.util.stream.Collectors.toSet());
            java.util.Set<String> memoryChanged = ledger.stream().filter(e -> e.kind() == io.fleetopt.core.model.RecommendationKind.MEMORY)
                    .map(io.fleetopt.core.port.LedgerEntry::functionArn).collect(java.util.stream.Collectors.toSet());
            assertTrue(!memoryChanged.isEmpty() && guarded.containsAll(memoryChanged) && changed.containsAll(guarded),
                    "every function whose memory the member run changed is guarded, and only changed ones: " + guarded);
        }
    }

    /** The Map's ItemSelector as Step Functions applies it: {@code $.run.runId} from the Map's input, the item itself. */
    private static Map<String, Object> itemSelector(Map<String, Object> selector, Object item) {
        Map<String, Object> input = new LinkedHashMap<>();
        selector.forEach((key, value) -> {
            if (!key.endsWith(".$")) {
                input.put(key, value);
            } else if ("$.run.runId".equals(value)) {
                input.put(key.substring(0, key.length() - 2), RUN);
            } else if ("$$.Map.Item.Value".equals(value)) {
                input.put(key.substring(0, key.length() - 2), item);
            } else {
                throw new AssertionError("the ItemSelector uses a path this test does not apply: " + key + " = " + value);
            }
        });
        return input;
    }

    private static Map<String, String> functionArns() {
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (StageFunction stage : FleetoptStack.FUNCTIONS) {
            substitutions.put(stage.substitution(), "arn:aws:lambda:us-east-1:123456789012:function:fleetopt-"
                    + stage.state() + ":" + FleetoptStack.ALIAS_NAME);
        }
        return substitutions;
    }

    /** As ResultWriter writes them: {prefix}/{map run id}/manifest.json naming SUCCEEDED_0.json and FAILED_0.json. */
    private static String writeResultWriterFiles(DirectoryArtifactStore store, String prefix, List<Map<String, Object>> succeeded,
                                                 List<Map<String, Object>> failed) throws IOException {
        String dir = prefix + "/5e1c2d9a-0b3f-4e7a-9d1c-7a6b5c4d3e2f";
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("FAILED", write(store, dir + "/FAILED_0.json", failed));
        files.put("PENDING", List.of());
        files.put("SUCCEEDED", write(store, dir + "/SUCCEEDED_0.json", succeeded));
        Map<String, Object> manifest = Map.of("DestinationBucket", "fleetopt-artifacts", "MapRunArn",
                "arn:aws:states:us-east-1:123456789012:mapRun:fleetopt-WeeklyRun/CollectAndAnalyzeEachTarget:5e1c2d9a", "ResultFiles", files);
        store.put(dir + "/manifest.json", new String(JSON.writeValueAsBytes(manifest), StandardCharsets.UTF_8));
        return dir + "/manifest.json";
    }

    private static List<Map<String, Object>> write(DirectoryArtifactStore store, String key, List<Map<String, Object>> children) throws IOException {
        String text = new String(JSON.writeValueAsBytes(children), StandardCharsets.UTF_8);
        store.put(key, text);
        return List.of(Map.of("Key", key, "Size", text.length()));
    }
}
