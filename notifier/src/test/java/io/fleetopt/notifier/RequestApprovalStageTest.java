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
import io.fleetopt.notifier.approval.LinkSigner;
import io.fleetopt.notifier.approval.PendingApproval;
import io.fleetopt.notifier.approval.local.FilePendingApprovals;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestApprovalStageTest {

    private static final String RUN_ID = "2026-11-02-test";
    private static final Instant NOW = Instant.parse("2026-11-02T06:00:00Z");
    private static final LinkSigner SIGNER = new LinkSigner("a-review-link-key-of-32-bytes-or-more".getBytes());

    @Test
    void keepsTheTaskTokenServerSideAndEmailsASignedLinkThatExpiresWithTheApprovalTimeout(@TempDir Path dir) {
        try (DocumentCodec codec = new DocumentCodec()) {
            DirectoryArtifactStore store = new DirectoryArtifactStore(dir.resolve("artifacts"));
            store.put(ArtifactKeys.plan(RUN_ID), codec.write(new Plan(Plan.SCHEMA_VERSION, RUN_ID, NOW, List.of(), List.of(),
                    new PlanTotals(0, 0, 0, 0, 0, BigDecimal.ZERO, Map.of(), Map.of()), List.of())));
            FilePendingApprovals approvals = new FilePendingApprovals(dir.resolve("approvals"), codec);
            List<Message> sent = new ArrayList<>();
            RequestApprovalStage stage = new RequestApprovalStage(new NotifyStage(sent::add, new DocumentStore(store, codec),
                    "123456789012", null), approvals, SIGNER, "https://abc.lambda-url.us-east-1.on.aws/", Clock.fixed(NOW, ZoneOffset.UTC));
            RunState run = RunState.start(RUN_ID).withPlan(ArtifactKeys.plan(RUN_ID), 0, 0, BigDecimal.ZERO);

            // AutoApply's decision approved one item by policy; its apply step stored no outcome (it did not finish)
            String autoKey = ArtifactKeys.autoDecision(RUN_ID);
            store.put(autoKey, codec.write(new io.fleetopt.core.model.Decision(io.fleetopt.core.model.Decision.SCHEMA_VERSION,
                    RUN_ID, "sha256:" + "0".repeat(64), List.of("retention-1"), List.of(), "AUTO (policy: auto-approved LOW risk)", NOW, null, null)));

            stage.request(new ApprovalRequest(run, "secret-task-token", 72 * 3600, autoKey));

            PendingApproval pending = approvals.find(RUN_ID).orElseThrow().pending();
            assertEquals("secret-task-token", pending.taskToken());
            assertEquals(Instant.parse("2026-11-05T06:00:00Z"), pending.expiresAt());
            assertEquals(autoKey, pending.autoDecisionKey(), "the review page reads AutoApply's items by the decision's key");
            assertEquals(1, sent.size());
            Message email = sent.get(0);
            assertEquals(MessageKind.APPROVAL_REQUEST, email.kind());
            assertFalse(email.body().contains("secret-task-token"), email.body());
            assertTrue(email.body().contains("2026-11-05T06:00:00Z"), "the email says until when it can be decided");
            assertTrue(email.body().contains("0 changes were already applied, as the account's policy auto-approves them.\n"
                    + "1 more that the policy auto-approves was not made (skipped or failed); they are not asked again."), email.body());
            Matcher link = Pattern.compile("https://abc\\.lambda-url\\.us-east-1\\.on\\.aws/review/" + RUN_ID
                    + "\\?expires=(\\d+)&sig=([A-Za-z0-9_-]+)").matcher(email.body());
            assertTrue(link.find(), email.body());
            assertEquals(pending.expiresAt().getEpochSecond(), Long.parseLong(link.group(1)));
            assertTrue(SIGNER.isSigned(RUN_ID, Long.parseLong(link.group(1)), link.group(2)));
        }
    }

    @Test
    void aRunOverMemberAccountsIsEmailedAsOnePlanFromItsIndexWithTheSignedLink(@TempDir Path dir) {
        try (DocumentCodec codec = new DocumentCodec()) {
            DirectoryArtifactStore store = new DirectoryArtifactStore(dir.resolve("artifacts"));
            io.fleetopt.core.model.RunIndex index = io.fleetopt.core.model.RunIndex.of(RUN_ID, List.of(
                    new io.fleetopt.core.model.RunIndex.Entry("210987654321", "eu-west-1", "runs/s.json", "runs/p.json",
                            io.fleetopt.core.model.PlanDigest.ofText("p"), 40, 12, 9, new BigDecimal("83.10"))), List.of());
            store.put(ArtifactKeys.index(RUN_ID), codec.write(index));
            FilePendingApprovals approvals = new FilePendingApprovals(dir.resolve("approvals"), codec);
            List<Message> sent = new ArrayList<>();
            RequestApprovalStage stage = new RequestApprovalStage(new NotifyStage(sent::add, new DocumentStore(store, codec),
                    "123456789012", null), approvals, SIGNER, "https://abc.lambda-url.us-east-1.on.aws/", Clock.fixed(NOW, ZoneOffset.UTC));
            RunState run = RunState.start(RUN_ID).withPlan(ArtifactKeys.index(RUN_ID), 12, 9, new BigDecimal("83.10"));

            stage.request(new ApprovalRequest(run, "secret-task-token", 3600, null));

            assertEquals(ArtifactKeys.index(RUN_ID), approvals.find(RUN_ID).orElseThrow().pending().planKey(),
                    "the review page shows the index");
            Message email = sent.get(0);
            assertEquals(MessageKind.APPROVAL_REQUEST, email.kind());
            assertEquals("fleetopt: 9 changes across 1 account and 1 region would save $83.10/month: approve? (run " + RUN_ID + ")",
                    email.subject());
            assertTrue(email.body().contains("Nothing changes in these accounts until you approve."), email.body());
            assertTrue(email.body().contains("  210987654321 eu-west-1"), email.body());
            assertFalse(email.body().contains("secret-task-token"));
            assertTrue(Pattern.compile("https://abc\\.lambda-url\\.us-east-1\\.on\\.aws/review/" + RUN_ID
                    + "\\?expires=\\d+&sig=[A-Za-z0-9_-]+").matcher(email.body()).find(), email.body());
        }
    }

    @Test
    void refusesARequestWithoutATaskTokenAndKeepsNothing(@TempDir Path dir) {
        try (DocumentCodec codec = new DocumentCodec()) {
            FilePendingApprovals approvals = new FilePendingApprovals(dir, codec);
            RequestApprovalStage stage = new RequestApprovalStage(new NotifyStage(m -> { }, null, "a", null), approvals, SIGNER,
                    "https://x.example/", Clock.fixed(NOW, ZoneOffset.UTC));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> stage.request(new ApprovalRequest(RunState.start(RUN_ID), " ", 3600, null)));

            assertTrue(e.getMessage().contains("needs the task token"), e.getMessage());
            assertTrue(approvals.find(RUN_ID).isEmpty());
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
