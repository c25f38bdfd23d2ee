package io.fleetopt.applier;

import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ItemsFile;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AutoApply records the policy's decision and applies nothing: ApplyAutoApproved's Distributed Map applies its lines.
 * Its answer is a reference of fixed size, and a second run answers with the decision the first recorded.
 */
class AutoApplyStageTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void recordsThePolicysDecisionWithItsLinesAndChangesNothing(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation low = run.memoryCut("payments-webhook");
            Recommendation medium = withRisk(run.timeoutCut("cart-service"), Risk.MEDIUM);
            String planKey = run.storePlan(List.of(low, medium));
            String memoryBefore = run.account.read(low.functionArn()).valueOf(low.kind());

            AutoApplyResponse answer = new AutoApplyStage(run.store, run.codec, List.of(Risk.LOW), CLOCK).run(state(planKey, 2));

            assertEquals(ArtifactKeys.autoDecision(DemoRun.RUN_ID), answer.decisionKey());
            assertEquals(1, answer.approvedCount());
            assertEquals(1, answer.pendingApprovalCount());
            Decision decision = run.artifacts.read(answer.decisionKey(), Decision.class, "decision");
            assertEquals(List.of(low.id()), decision.approvedItemIds());
            assertTrue(decision.approver().startsWith("AUTO (policy: auto-approved LOW risk)"), decision.approver());
            assertEquals(decision.planDigest(), answer.planDigest());
            assertEquals(ArtifactKeys.approvedItems(answer.decisionKey()), answer.approvedItemsKey());
            List<ItemLine> lines = new ItemsFile(run.store, run.codec).read(answer.approvedItemsKey(), null,
                    decision.approvedItemsDigest());
            assertEquals(List.of(low.id()), lines.stream().map(l -> l.item().id()).toList());
            assertEquals(answer.decisionKey(), lines.getFirst().decisionKey());
            // applying is the Map's: nothing changed, nothing ledgered, no outcome stored
            assertEquals(memoryBefore, run.account.read(low.functionArn()).valueOf(low.kind()));
            assertEquals(List.of(), run.ledger.entriesOfRun(DemoRun.RUN_ID));
            assertTrue(run.store.get(ArtifactKeys.outcome(DemoRun.RUN_ID, low.id())).isEmpty());
        }
    }

    @Test
    void answerHasNoListAndKeepsItsSizeWhateverThePlansSize(@TempDir Path dir) throws IOException {
        try (DemoRun small = new DemoRun(dir.resolve("small")); DemoRun large = new DemoRun(dir.resolve("large"))) {
            Recommendation template = small.memoryCut("payments-webhook");
            String smallJson = answerJson(small, copies(template, 1));
            String largeJson = answerJson(large, copies(template, 1_000));

            JsonMapper json = JsonMapper.createDefault();
            Map<String, Object> smallFields = json.readValue(smallJson.getBytes(StandardCharsets.UTF_8),
                    io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
            Map<String, Object> largeFields = json.readValue(largeJson.getBytes(StandardCharsets.UTF_8),
                    io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
            assertEquals(List.of("decisionKey", "approvedItemsKey", "approvedItemsVersionId", "planDigest", "approvedCount",
                    "pendingApprovalCount"), List.copyOf(largeFields.keySet()));
            assertEquals(smallFields.keySet(), largeFields.keySet());
            assertFalse(largeFields.values().stream().anyMatch(v -> v instanceof List<?> || v instanceof Map<?, ?>), largeJson);
            assertEquals(1_000, ((Number) largeFields.get("approvedCount")).intValue());
            // 1 and 1000 approved: only the count's digits differ
            assertEquals(smallJson.length() + 3, largeJson.length(), smallJson + "\n" + largeJson);
            assertTrue(largeJson.length() < 400, largeJson);
        }
    }

    @Test
    void runAgainItAnswersWithTheDecisionItRecordedWithoutTakingANewOne(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation low = run.memoryCut("payments-webhook");
            String planKey = run.storePlan(List.of(low));
            AutoApplyResponse first = new AutoApplyStage(run.store, run.codec, List.of(Risk.LOW), CLOCK).run(state(planKey, 1));
            String recorded = run.store.get(first.decisionKey()).orElseThrow();

            // a retried Lambda an hour later, or the command line (no policy of its own) recovering the run
            Clock later = Clock.offset(CLOCK, java.time.Duration.ofHours(1));
            AutoApplyResponse again = new AutoApplyStage(run.store, run.codec, List.of(), later).run(state(planKey, 1));

            assertEquals(first, again);
            assertEquals(recorded, run.store.get(first.decisionKey()).orElseThrow(), "the decision is written once");
        }
    }

    @Test
    void refusesARecordedAutoDecisionOfAnotherPlanAndAnswersNothing(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation low = run.memoryCut("payments-webhook");
            String planKey = run.storePlan(List.of(low));
            AutoApplyResponse first = new AutoApplyStage(run.store, run.codec, List.of(Risk.LOW), CLOCK).run(state(planKey, 1));
            String tampered = run.store.get(first.decisionKey()).orElseThrow().replace(first.planDigest(), "sha256:" + "0".repeat(64));
            run.store.put(first.decisionKey(), tampered);

            InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                    () -> new AutoApplyStage(run.store, run.codec, List.of(Risk.LOW), CLOCK).run(state(planKey, 1)));

            assertTrue(e.getMessage().contains("planDigest: is 'sha256:000"), e.getMessage());
            assertTrue(e.getMessage().endsWith("(nothing was applied)"), e.getMessage());
        }
    }

    @Test
    void aPolicyThatApprovesNothingRecordsNoDecision(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation low = run.memoryCut("payments-webhook");
            String planKey = run.storePlan(List.of(low));

            AutoApplyResponse answer = new AutoApplyStage(run.store, run.codec, List.of(), CLOCK).run(state(planKey, 1));

            assertEquals(AutoApplyResponse.nothingApproved(1), answer);
            assertTrue(run.store.get(ArtifactKeys.autoDecision(DemoRun.RUN_ID)).isEmpty());
        }
    }

    private static String answerJson(DemoRun run, List<Recommendation> items) throws IOException {
        String planKey = run.storePlan(items);
        AutoApplyResponse answer = new AutoApplyStage(run.store, run.codec, List.of(Risk.LOW), CLOCK).run(state(planKey, items.size()));
        return new String(JsonMapper.createDefault().writeValueAsBytes(answer), StandardCharsets.UTF_8);
    }

    private static List<Recommendation> copies(Recommendation template, int count) {
        List<Recommendation> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new Recommendation(template.id() + "-" + i, template.functionArn(), template.functionName(), template.kind(),
                    template.currentValue(), template.proposedValue(), template.risk(), template.action(), template.rationale(),
                    template.monthlySavingUsd(), template.assumptions(), template.plannedRevisionId(), template.warnings()));
        }
        return items;
    }

    private static Recommendation withRisk(Recommendation item, Risk risk) {
        return new Recommendation(item.id(), item.functionArn(), item.functionName(), item.kind(), item.currentValue(),
                item.proposedValue(), risk, item.action(), item.rationale(), item.monthlySavingUsd(), item.assumptions(),
                item.plannedRevisionId(), item.warnings());
    }

    private static RunState state(String planKey, int items) {
        return RunState.start(DemoRun.RUN_ID).withPlan(planKey, items, items, null);
    }
}
