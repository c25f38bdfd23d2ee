package io.fleetopt.infra.statemachine;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.infra.statemachine.HandlerBridge.Approver;
import io.fleetopt.infra.statemachine.HandlerBridge.Fault;
import io.fleetopt.infra.statemachine.HandlerBridge.TaskError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * statemachine.asl.json executed by aws-local-stepfunctions, every Task state calling the real handler the stack
 * deploys for it, on the demo account. The approver's callback (SendTaskSuccess / SendTaskFailure / none) is
 * scripted: the local runner has no waitForTaskToken, so the task's answer stands in for it.
 */
class StateMachineExecutionTest {

    private static final Path REPO = StateMachineDefinitionTest.repoRoot();
    private static final int SEVENTY_TWO_HOURS = 72 * 3600;
    private static final Fault NO_FAULT = (state, input) -> null;
    private static final DocumentCodec CODEC = new DocumentCodec();

    /**
     * Every change the demo plans is LOW risk on 14 days of metrics; on 10, its memory cuts are MEDIUM (fewer than 14
     * days), so that a policy auto-approving LOW leaves them to the approver.
     */
    private static final Map<String, Object> AUTO_APPROVE_LOW_WITH_MEDIUM_MEMORY_CUTS = Map.of(
            "fleetopt.applier.auto-approve-risks", "LOW", "fleetopt.collector.lookback-days", "10");

    private static NodeTools node;

    @BeforeAll
    static void nodeToolsAreInstalled() {
        node = NodeTools.installed(REPO);
    }

    @AfterAll
    static void closeCodec() {
        CODEC.close();
    }

    @Test
    void approvedPlanIsAppliedItemByItemThenAlarmedAndSummarized(@TempDir Path stateDir) throws IOException {
        String runId = "2026-11-02-approved";
        try (HandlerBridge bridge = new HandlerBridge(stateDir, Map.of(), Approver.APPROVES_EVERYTHING, NO_FAULT)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);

            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            List<String> stages = bridge.statesCalled().stream().filter(s -> !s.equals("ApplyItem")).toList();
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "AutoApply", "RequestApproval",
                    "RecordApplyResult", "WireAlarms", "NotifySummary"), stages);
            ApplyResult result = applyResult(stateDir, runId);
            long applyItems = bridge.statesCalled().stream().filter("ApplyItem"::equals).count();
            assertTrue(applyItems >= 2, "the demo plan has several changes to approve, applied " + applyItems);
            assertEquals(applyItems, result.items().size());
            assertEquals(applyItems, result.count(ApplyStatus.APPLIED), result.toString());
            List<LedgerEntry> ledger = ledger(stateDir, runId);
            // written ahead: one intent and one completion per change
            assertEquals(applyItems, ledger.stream().filter(e -> e.action() == LedgerAction.INTENT).count());
            assertEquals(applyItems, ledger.stream().filter(e -> e.action() == LedgerAction.APPLIED).count());
            assertEquals(2 * applyItems, ledger.size());
            assertTrue(ledger.stream().allMatch(e -> e.actor().equals(ReviewPageApprover.APPROVER)), "decided on the review page");
            assertTrue(ledger.stream().allMatch(e -> e.decisionKey().startsWith("runs/" + runId + "/decisions/")
                    && e.planDigest().startsWith("sha256:")), "every entry names the decision and the plan it approved");
            // the Distributed Map's results, in the ResultWriter's format, below the run's own prefix
            try (var results = Files.walk(stateDir.resolve("artifacts/runs/" + runId + "/apply-results"))) {
                assertEquals(1, results.filter(p -> p.getFileName().toString().equals("manifest.json")).count());
            }
            assertTrue(Files.readString(stateDir.resolve("approvals/" + runId + "/pending.json"))
                    .contains("local-task-token-" + runId), "the task token is kept for the review endpoint");
            try (var documents = Files.walk(stateDir.resolve("artifacts"))) {
                for (Path document : documents.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(document).contains("local-task-token-"), document + " holds the task token");
                }
            }
            assertFalse(outbox(stateDir, runId, "approval-request").contains("local-task-token-"), "the email holds no token");
            assertTrue(outbox(stateDir, runId, "approval-request").contains("approval needed"));
            assertTrue(outbox(stateDir, runId, "summary").contains(applyItems + " changes applied"));
        }
    }

    @Test
    void approverWhoTicksTwoChangesOnTheReviewPageGetsExactlyThoseApplied(@TempDir Path stateDir) throws IOException {
        String runId = "2026-11-02-two";
        try (HandlerBridge bridge = new HandlerBridge(stateDir, Map.of(), Approver.APPROVES_TWO, NO_FAULT)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);

            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            List<String> applied = bridge.invocations().stream().filter(i -> i.state().equals("ApplyItem")).map(HandlerBridge.Invocation::itemId)
                    .distinct().toList();
            assertEquals(2, applied.size(), applied.toString());
            ApplyResult result = applyResult(stateDir, runId);
            assertEquals(2, result.count(ApplyStatus.APPLIED), result.toString());
            // the ledger is written ahead (an intent, then the change): exactly those two items were changed
            assertEquals(applied.stream().sorted().toList(), ledger(stateDir, runId).stream()
                    .filter(e -> e.action() == LedgerAction.APPLIED).map(LedgerEntry::itemId).sorted().toList());
        }
    }

    @Test
    void policyThatAutoApprovesEveryRiskAppliesThePlanThroughTheMapWithoutAskingAnyone(@TempDir Path stateDir) throws IOException {
        String runId = "2026-11-02-auto";
        Map<String, Object> approveAll = Map.of("fleetopt.applier.auto-approve-risks", "LOW,MEDIUM,HIGH");
        try (HandlerBridge bridge = new HandlerBridge(stateDir, approveAll, Approver.REJECTS, NO_FAULT)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);

            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "AutoApply", "RecordApplyResult",
                    "WireAlarms", "NotifySummary"), bridge.statesCalled().stream().filter(s -> !s.equals("ApplyItem")).toList());
            ApplyResult result = applyResult(stateDir, runId);
            assertTrue(result.items().size() >= 2);
            assertEquals(result.items().size(), result.count(ApplyStatus.APPLIED));
            // applied by ApplyAutoApproved's iterations, one ApplyItem per line, not inside the AutoApply Lambda
            assertEquals(result.items().size(), bridge.statesCalled().stream().filter("ApplyItem"::equals).count());
            assertEquals(1, manifests(stateDir, runId));
            assertTrue(ledger(stateDir, runId).stream().allMatch(e -> e.actor().startsWith("AUTO (policy: auto-approved")
                    && e.decisionKey().equals(ArtifactKeys.autoDecision(runId)) && e.planDigest().startsWith("sha256:")),
                    "every entry names AutoApply's policy decision");
            assertFalse(execution.output().toString().contains("itemIds"), "no list of items in the state: " + execution.output());
        }
    }

    @Test
    void autoApprovedChangesAreAppliedByTheirMapBeforeTheApproverIsAskedForTheRest(@TempDir Path stateDir) throws IOException {
        String runId = "2026-11-02-auto-and-asked";
        Map<String, Object> approveLow = AUTO_APPROVE_LOW_WITH_MEDIUM_MEMORY_CUTS;
        try (HandlerBridge bridge = new HandlerBridge(stateDir, approveLow, Approver.APPROVES_EVERYTHING, NO_FAULT)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);

            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "AutoApply", "RequestApproval",
                    "RecordApplyResult", "WireAlarms", "NotifySummary"),
                    bridge.statesCalled().stream().filter(s -> !s.equals("ApplyItem")).toList());
            List<LedgerEntry> applied = ledger(stateDir, runId).stream().filter(e -> e.action() == LedgerAction.APPLIED).toList();
            List<String> auto = applied.stream().filter(e -> e.decisionKey().equals(ArtifactKeys.autoDecision(runId)))
                    .map(LedgerEntry::itemId).toList();
            List<String> asked = applied.stream().filter(e -> e.actor().equals(ReviewPageApprover.APPROVER))
                    .map(LedgerEntry::itemId).toList();
            assertFalse(auto.isEmpty(), "the demo plan has low-risk changes");
            assertFalse(asked.isEmpty(), "and changes that need a person");
            assertEquals(applied.size(), auto.size() + asked.size());
            // the auto-approved lines went through ApplyItem before the approval was asked for
            List<HandlerBridge.Invocation> calls = bridge.invocations();
            int askedAt = bridge.statesCalled().indexOf("RequestApproval");
            assertTrue(calls.subList(0, askedAt).stream().filter(i -> i.state().equals("ApplyItem")).map(HandlerBridge.Invocation::itemId)
                    .toList().containsAll(auto), calls.toString());
            assertTrue(calls.subList(askedAt, calls.size()).stream().filter(i -> i.state().equals("ApplyItem"))
                    .map(HandlerBridge.Invocation::itemId).noneMatch(auto::contains), "nothing auto-approved is applied again");
            ApplyResult result = applyResult(stateDir, runId);
            assertEquals(applied.size(), result.count(ApplyStatus.APPLIED), result.toString());
            assertEquals(2, manifests(stateDir, runId), "one ResultWriter manifest per Map run, both read by RecordApplyResult");
            String email = outbox(stateDir, runId, "approval-request");
            assertTrue(email.contains(auto.size() + (auto.size() == 1 ? " change was" : " changes were")
                    + " already applied, as the account's policy auto-approves"), email);
        }
    }

    @Test
    void approvalThatTimesOutAfterAutoApplySaysWhatAutoApplyChanged(@TempDir Path stateDir) throws IOException {
        String runId = "2026-11-02-auto-expired";
        Map<String, Object> approveLow = AUTO_APPROVE_LOW_WITH_MEDIUM_MEMORY_CUTS;
        try (HandlerBridge bridge = new HandlerBridge(stateDir, approveLow, Approver.NEVER_ANSWERS, NO_FAULT)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, 1);

            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            // what AutoApply changed is recorded, guarded by alarms and summarized; the lease is given back
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "AutoApply", "RequestApproval",
                    "NotifyExpired", "RecordApplyResult", "WireAlarms", "NotifySummary"),
                    bridge.statesCalled().stream().filter(s -> !s.equals("ApplyItem")).toList());
            List<LedgerEntry> applied = ledger(stateDir, runId).stream().filter(e -> e.action() == LedgerAction.APPLIED).toList();
            assertEquals(applied.size(), applyResult(stateDir, runId).count(ApplyStatus.APPLIED));
            assertTrue(outbox(stateDir, runId, "summary").contains(applied.size() + " changes applied"));
            assertFalse(applied.isEmpty());
            assertTrue(applied.stream().allMatch(e -> e.decisionKey().equals(ArtifactKeys.autoDecision(runId))),
                    "only what the policy approved changed");
            String notice = outbox(stateDir, runId, "expired");
            assertTrue(notice.contains("none of the changes that needed approval was made"), notice);
            assertTrue(notice.contains("AutoApply applied " + applied.size() + " changes"), notice);
            for (LedgerEntry entry : applied) {
                assertTrue(notice.contains(entry.functionName()), entry.functionName() + " is not in: " + notice);
            }
        }
    }

    @Test
    void rejectionAfterAutoApplySaysWhatAutoApplyChanged(@TempDir Path stateDir) throws IOException {
        String runId = "2026-11-02-auto-rejected";
        Map<String, Object> approveLow = AUTO_APPROVE_LOW_WITH_MEDIUM_MEMORY_CUTS;
        try (HandlerBridge bridge = new HandlerBridge(stateDir, approveLow, Approver.REJECTS, NO_FAULT)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);

            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "AutoApply", "RequestApproval",
                    "NotifyRejected", "RecordApplyResult", "WireAlarms", "NotifySummary"),
                    bridge.statesCalled().stream().filter(s -> !s.equals("ApplyItem")).toList());
            long applied = ledger(stateDir, runId).stream().filter(e -> e.action() == LedgerAction.APPLIED).count();
            assertTrue(applied > 0);
            assertEquals(applied, applyResult(stateDir, runId).count(ApplyStatus.APPLIED));
            assertTrue(outbox(stateDir, runId, "summary").contains(applied + " changes applied"));
            String notice = outbox(stateDir, runId, "rejected");
            assertTrue(notice.contains("AutoApply applied " + applied + " changes"), notice);
        }
    }

    @Test
    void rejectedPlanChangesNothingAndTellsTheApprover(@TempDir Path stateDir) throws IOException {
        String runId = "2026-11-02-rejected";
        try (HandlerBridge bridge = new HandlerBridge(stateDir, Map.of(), Approver.REJECTS, NO_FAULT)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);

            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "AutoApply", "RequestApproval",
                    "NotifyRejected"), bridge.statesCalled());
            assertEquals(List.of(), ledger(stateDir, runId));
            assertFalse(Files.exists(stateDir.resolve("artifacts/" + ArtifactKeys.result(runId))));
            assertTrue(outbox(stateDir, runId, "rejected").contains("nothing changed"));
        }
    }

    @Test
    void approvalThatTimesOutEndsTheRunUnchangedWithANotice(@TempDir Path stateDir) throws IOException {
        String runId = "2026-11-02-expired";
        try (HandlerBridge bridge = new HandlerBridge(stateDir, Map.of(), Approver.NEVER_ANSWERS, NO_FAULT)) {
            // the deployed timeout is a substitution: one second here instead of 72 hours
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, 1);

            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "AutoApply", "RequestApproval",
                    "NotifyExpired"), bridge.statesCalled());
            assertEquals(List.of(), ledger(stateDir, runId));
            assertTrue(outbox(stateDir, runId, "expired").contains("nothing was changed"));
        }
    }

    @Test
    void weekWithNothingToChangeSendsTheNoChangesNoticeAndAsksNobody(@TempDir Path stateDir) throws IOException {
        String runId = "2026-11-02-quiet";
        // a scope no function is in: configuration-only rules (retention, tracing) run even on thin evidence, so only
        // an empty fleet has nothing at all to change
        Map<String, Object> noFunctionInScope = Map.of("fleetopt.collector.name-patterns", "no-such-function-*");
        try (HandlerBridge bridge = new HandlerBridge(stateDir, noFunctionInScope, Approver.APPROVES_EVERYTHING, NO_FAULT)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);

            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "NotifyNoChanges"), bridge.statesCalled());
            assertTrue(outbox(stateDir, runId, "no-changes").contains("nothing to change"));
        }
    }

    @Test
    void itemThatKeepsFailingIsRetriedThenRecordedAsFailedWhileTheOthersAreApplied(@TempDir Path stateDir)
            throws IOException {
        String runId = "2026-11-02-one-fails";
        AtomicReference<String> failing = new AtomicReference<>();
        Fault throttledItem = (state, input) -> {
            if (!state.equals("ApplyItem")) {
                return null;
            }
            failing.compareAndSet(null, HandlerBridge.itemIdOf(input));
            return failing.get().equals(HandlerBridge.itemIdOf(input))
                    ? new TaskError("io.fleetopt.applier.TransientApplyException", "TooManyRequestsException: Rate exceeded")
                    : null;
        };
        try (HandlerBridge bridge = new HandlerBridge(stateDir, Map.of(), Approver.APPROVES_EVERYTHING, throttledItem)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);

            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            long attempts = bridge.invocations().stream().filter(i -> failing.get().equals(i.itemId())).count();
            assertEquals(5, attempts, "one attempt and four retries (MaxAttempts 4)");
            ApplyResult result = applyResult(stateDir, runId);
            ItemOutcome failed = result.items().stream().filter(i -> i.itemId().equals(failing.get())).findFirst().orElseThrow();
            assertEquals(ApplyStatus.FAILED, failed.status());
            assertTrue(failed.reason().startsWith("io.fleetopt.applier.TransientApplyException: TooManyRequestsException"),
                    failed.reason());
            assertEquals(1, result.count(ApplyStatus.FAILED));
            assertEquals(result.items().size() - 1, result.count(ApplyStatus.APPLIED), result.toString());
            List<LedgerEntry> ledger = ledger(stateDir, runId);
            assertEquals(result.items().size() - 1, ledger.stream().filter(e -> e.action() == LedgerAction.APPLIED).count());
            assertTrue(ledger.stream().noneMatch(e -> e.itemId().equals(failing.get())), "the throttled item's bridge fault came before its intent");
            assertTrue(bridge.statesCalled().contains("NotifySummary"));
            assertTrue(outbox(stateDir, runId, "summary").contains("failed 1"));
        }
    }

    @Test
    void failingStageNotifiesItsFailureAndFailsTheRun(@TempDir Path stateDir) throws IOException {
        String runId = "2026-11-02-broken";
        // the snapshot vanishes between Collect and Analyze: Analyze fails for real
        Fault lostSnapshot = (state, input) -> {
            if (state.equals("Analyze")) {
                try {
                    Files.delete(stateDir.resolve("artifacts/" + ArtifactKeys.snapshot(runId)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return null;
        };
        try (HandlerBridge bridge = new HandlerBridge(stateDir, Map.of(), Approver.APPROVES_EVERYTHING, lostSnapshot)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);

            assertEquals("FAILED", execution.status());
            assertEquals("Fleetopt.RunFailed", execution.error());
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "NotifyFailure"), bridge.statesCalled(),
                    "a function error is not retried (only Lambda service errors are)");
            String notice = outbox(stateDir, runId, "failure");
            assertTrue(notice.contains("java.lang.IllegalArgumentException"), notice);
            assertTrue(notice.contains("does not exist"), notice);
            assertEquals(List.of(), ledger(stateDir, runId));
        }
    }

    private static long manifests(Path stateDir, String runId) throws IOException {
        try (var results = Files.walk(stateDir.resolve("artifacts/runs/" + runId + "/apply-results"))) {
            return results.filter(p -> p.getFileName().toString().equals("manifest.json")).count();
        }
    }

    private static ApplyResult applyResult(Path stateDir, String runId) throws IOException {
        Path file = stateDir.resolve("artifacts/" + ArtifactKeys.result(runId));
        return CODEC.read(Files.readString(file), ApplyResult.class, file.toString());
    }

    private static List<LedgerEntry> ledger(Path stateDir, String runId) {
        return new JsonLinesChangeLedger(stateDir.resolve("ledger.jsonl"), CODEC).entriesOfRun(runId);
    }

    private static String outbox(Path stateDir, String runId, String kind) throws IOException {
        Path file = stateDir.resolve("outbox/" + runId + "-" + kind + ".txt");
        assertTrue(Files.exists(file), "no " + kind + " message was sent; the outbox has "
                + (Files.isDirectory(stateDir.resolve("outbox")) ? List.of(stateDir.resolve("outbox").toFile().list()) : "nothing"));
        return Files.readString(file);
    }
}
