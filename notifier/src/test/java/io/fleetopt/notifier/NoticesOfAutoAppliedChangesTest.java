package io.fleetopt.notifier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expiry and rejection notices say what AutoApply already changed, and how to undo it, or that nothing changed. */
class NoticesOfAutoAppliedChangesTest {

    private static final Plan PLAN = new Plan(Plan.SCHEMA_VERSION, "run-1", Instant.EPOCH, List.of(), List.of(),
            new PlanTotals(0, 0, 0, 0, 0, BigDecimal.ZERO, Map.of(), Map.of()), List.of());
    private static final ApplyResult AUTO = new ApplyResult(ApplyResult.SCHEMA_VERSION, "run-1", Instant.EPOCH, List.of(
            new ItemOutcome("memory-a", "arn:aws:lambda:us-east-1:123456789012:function:a", "a", RecommendationKind.MEMORY,
                    ApplyStatus.APPLIED, "1024", "512", null)));

    @Test
    void anExpiredApprovalAfterAutoApplySaysWhatChangedAndHowToUndoIt() {
        Message notice = Messages.expired(PLAN, "acct", AUTO, "fleetopt rollback --demo --run run-1");
        assertEquals("fleetopt: approval for acct expired; 1 auto-approved changes were applied (run run-1)", notice.subject());
        assertTrue(notice.body().contains("none of the changes that needed approval was made"), notice.body());
        assertTrue(notice.body().contains("AutoApply applied 1 changes"), notice.body());
        assertTrue(notice.body().contains("1024 MB -> 512 MB"), notice.body());
        assertTrue(notice.body().contains("Undo this run's changes: fleetopt rollback --demo --run run-1"), notice.body());
        assertFalse(notice.body().contains("nothing was changed"), notice.body());
    }

    @Test
    void anExpiredApprovalWithoutAutoApplySaysNothingChanged() {
        Message notice = Messages.expired(PLAN, "acct", null, "fleetopt rollback --demo --run run-1");
        assertEquals("fleetopt: approval for acct expired, nothing changed (run run-1)", notice.subject());
        assertTrue(notice.body().startsWith("Nobody approved or rejected the plan of run run-1 in time, so nothing was changed."));
    }

    @Test
    void theNoticesReadWhatAutoApplyChangedFromItsDecisionAndTheStoredOutcomesNotFromTheState(@TempDir Path dir) {
        try (DocumentCodec codec = new DocumentCodec()) {
            DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir), codec);
            Recommendation applied = item("memory-a", "fn-applied");
            Recommendation unfinished = item("memory-b", "fn-unfinished");
            Recommendation asked = item("memory-c", "fn-asked");
            Plan plan = new Plan(Plan.SCHEMA_VERSION, "run-1", Instant.EPOCH, List.of(applied, unfinished, asked), List.of(),
                    new PlanTotals(3, 3, 3, 0, 0, BigDecimal.ONE, Map.of(), Map.of()), List.of());
            documents.write(ArtifactKeys.plan("run-1"), plan);
            documents.write(ArtifactKeys.autoDecision("run-1"), Decision.of(plan, List.of(applied.id(), unfinished.id()),
                    List.of(), "AUTO (policy: auto-approved LOW risk)", Instant.EPOCH));
            // ApplyAutoApproved's iteration of memory-a stored its outcome; memory-b's never finished
            documents.write(ArtifactKeys.outcome("run-1", applied.id()), new ItemOutcome(applied.id(), applied.functionArn(),
                    applied.functionName(), applied.kind(), ApplyStatus.APPLIED, "1024", "512", null));
            List<Message> sent = new java.util.ArrayList<>();
            NotifyStage notify = new NotifyStage(sent::add, documents, "acct", "--demo");
            RunState run = RunState.start("run-1").withPlan(ArtifactKeys.plan("run-1"), 3, 3, BigDecimal.ONE);

            notify.notifyExpired(run);
            notify.notifyRejected(run);

            assertEquals("fleetopt: approval for acct expired; 1 auto-approved changes were applied (run run-1)",
                    sent.get(0).subject());
            for (Message notice : sent) {
                assertTrue(notice.body().contains("AutoApply applied 1 changes"), notice.body());
                assertTrue(notice.body().contains("1024 MB -> 512 MB"), notice.body());
                assertTrue(notice.body().contains("no outcome was recorded for this item"), notice.body());
                String autoSection = notice.body().substring(notice.body().indexOf("Before asking"),
                        notice.body().indexOf("Undo this run's changes"));
                assertTrue(autoSection.contains("fn-applied") && autoSection.contains("fn-unfinished"), autoSection);
                assertFalse(autoSection.contains("fn-asked"),
                        "an item that needed approval is not among AutoApply's: " + autoSection);
            }
        }
    }

    @Test
    void withoutAnAutoDecisionInTheStoreTheNoticeSaysNothingChanged(@TempDir Path dir) {
        try (DocumentCodec codec = new DocumentCodec()) {
            DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir), codec);
            documents.write(ArtifactKeys.plan("run-1"), PLAN);
            List<Message> sent = new java.util.ArrayList<>();

            new NotifyStage(sent::add, documents, "acct", "--demo").notifyExpired(RunState.start("run-1")
                    .withPlan(ArtifactKeys.plan("run-1"), 0, 0, BigDecimal.ZERO));

            assertEquals("fleetopt: approval for acct expired, nothing changed (run run-1)", sent.getFirst().subject());
        }
    }

    private static Recommendation item(String id, String function) {
        return new Recommendation(id, "arn:aws:lambda:us-east-1:123456789012:function:" + function, function,
                RecommendationKind.MEMORY, "1024", "512", io.fleetopt.core.model.Risk.LOW, io.fleetopt.core.model.Action.APPLY,
                "test", BigDecimal.ONE, List.of(), "rev", List.of());
    }

    @Test
    void aRejectionAfterAutoApplySaysWhatChanged() {
        Message notice = Messages.rejected(PLAN, "acct", AUTO, null);
        assertEquals("fleetopt: no changes approved for acct; 1 auto-approved changes were applied (run run-1)", notice.subject());
        assertTrue(notice.body().contains("fleetopt rollback --stack STACK --region REGION --run run-1, with this deployment's "
                + "stack name and region, restores them"), notice.body());
    }
}
