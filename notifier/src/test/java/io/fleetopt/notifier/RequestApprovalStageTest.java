package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestApprovalStageTest {

    private static final String RUN_ID = "2026-11-02-test";
    private static final Instant NOW = Instant.parse("2026-11-02T06:00:00Z");

    @Test
    void keepsTheTaskTokenForTheReviewPageAndNeverPutsItInTheEmail(@TempDir Path dir) {
        try (DocumentCodec codec = new DocumentCodec()) {
            DirectoryArtifactStore store = new DirectoryArtifactStore(dir);
            store.put(ArtifactKeys.plan(RUN_ID), codec.write(new Plan(Plan.SCHEMA_VERSION, RUN_ID, NOW, List.of(), List.of(),
                    new PlanTotals(0, 0, 0, 0, 0, BigDecimal.ZERO, Map.of(), Map.of()), List.of())));
            List<Message> sent = new ArrayList<>();
            RequestApprovalStage stage = new RequestApprovalStage(new NotifyStage(sent::add, new DocumentStore(store, codec), "123456789012",
                    null),
                    new DocumentStore(store, codec), Clock.fixed(NOW, ZoneOffset.UTC));
            RunState run = RunState.start(RUN_ID).withPlan(ArtifactKeys.plan(RUN_ID), 0, 0, BigDecimal.ZERO);

            stage.request(new ApprovalRequest(run, "secret-task-token", 72 * 3600));

            PendingApproval pending = codec.read(store.get(ArtifactKeys.approvalTask(RUN_ID)).orElseThrow(), PendingApproval.class, "pending");
            assertEquals("secret-task-token", pending.taskToken());
            assertEquals(Instant.parse("2026-11-05T06:00:00Z"), pending.expiresAt());
            assertEquals(1, sent.size());
            assertEquals(MessageKind.APPROVAL_REQUEST, sent.get(0).kind());
            assertFalse(sent.get(0).body().contains("secret-task-token"), sent.get(0).body());
            assertTrue(sent.get(0).body().contains("2026-11-05T06:00:00Z"), "the email says until when it can be decided");
        }
    }

    @Test
    void failureNoticeNamesTheRunTheErrorAndItsCause() {
        Message message = Messages.failure(RUN_ID, "java.lang.IllegalArgumentException", "snapshot does not exist", "123456789012");

        assertEquals(MessageKind.FAILURE, message.kind());
        assertTrue(message.subject().contains(RUN_ID) && message.subject().contains("failed"), message.subject());
        assertTrue(message.body().contains("java.lang.IllegalArgumentException") && message.body().contains("snapshot does not exist"));
    }
}
