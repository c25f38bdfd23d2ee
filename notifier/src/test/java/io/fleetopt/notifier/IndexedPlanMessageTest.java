package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexedPlanMessageTest {

    @Test
    void presentsTheRunIndexAsOnePlanWithTheLargestSavingsFirstAndTheFailedTargets(@TempDir Path dir) {
        List<RunIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String account = String.format("%012d", 100_000_000_000L + i);
            entries.add(new RunIndex.Entry(account, "eu-west-1", ArtifactKeys.snapshot("r1", new io.fleetopt.core.model.CollectTarget(account, "eu-west-1", null)),
                    "runs/r1/accounts/" + account + "/eu-west-1/plan.json",
                    io.fleetopt.core.model.PlanDigest.ofText(account), 100, 10, 4, new BigDecimal(i)));
        }
        RunIndex index = RunIndex.of("r1", entries, List.of(new RunIndex.FailedTarget("999988887777", "us-east-1",
                "io.fleetopt.aws.MemberRoleDeniedException", "cannot assume arn:aws:iam::999988887777:role/fleetopt-member")));
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir);
        DocumentStore documents = new DocumentStore(store, new DocumentCodec());
        documents.write(ArtifactKeys.index("r1"), index);
        List<Message> sent = new ArrayList<>();

        new NotifyIndexedPlanStage(sent::add, documents).run(RunState.start("r1"));

        Message m = sent.get(0);
        assertEquals(MessageKind.SUMMARY, m.kind());
        assertEquals("fleetopt: 100 changes proposed across 25 accounts and 1 region, est. $300.00/month (run r1)", m.subject());
        assertTrue(m.body().contains("2,500 functions, 250 items, 100 of them changes to approve"), m.body());
        assertTrue(m.body().contains("it changed nothing in them"), m.body());
        String[] lines = m.body().split("\n");
        int first = java.util.Arrays.asList(lines).indexOf("Largest savings:") + 1;
        assertTrue(lines[first].startsWith("  100000000024 eu-west-1") && lines[first].contains("$24.00/month"), lines[first]);
        assertTrue(lines[first].contains(store.locate("runs/r1/accounts/100000000024/eu-west-1/plan.json")), lines[first]);
        assertTrue(m.body().contains("and 5 more account-region pairs in the index"), m.body());
        assertFalse(m.body().contains("100000000004 eu-west-1"), "the 20 largest are listed, the rest counted");
        assertTrue(m.body().contains("Not collected (1)") && m.body().contains("999988887777 us-east-1: io.fleetopt.aws.MemberRoleDeniedException"), m.body());
        assertTrue(m.body().contains("The run index: " + store.locate(ArtifactKeys.index("r1"))), m.body());
    }

    @Test
    void theSummaryOfAnAppliedMemberRunSaysWhatWasAppliedAndThatItsChangesHaveNoGuardAlarms(@TempDir Path dir) {
        RunIndex index = RunIndex.of("r3", List.of(new RunIndex.Entry("210987654321", "eu-west-1", "runs/r3/s.json",
                "runs/r3/p.json", io.fleetopt.core.model.PlanDigest.ofText("p"), 10, 3, 2, new BigDecimal("9.00"))), List.of());
        DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir), new DocumentCodec());
        documents.write(ArtifactKeys.index("r3"), index);
        String arn = "arn:aws:lambda:eu-west-1:210987654321:function:orders-api";
        documents.write(ArtifactKeys.result("r3"), new io.fleetopt.core.model.ApplyResult(1, "r3", java.time.Instant.EPOCH, List.of(
                new io.fleetopt.core.model.ItemOutcome("memory-1", arn, "orders-api", io.fleetopt.core.model.RecommendationKind.MEMORY,
                        io.fleetopt.core.model.ApplyStatus.APPLIED, "1024", "512", null),
                new io.fleetopt.core.model.ItemOutcome("timeout-1", arn, "orders-api", io.fleetopt.core.model.RecommendationKind.TIMEOUT,
                        io.fleetopt.core.model.ApplyStatus.SKIPPED_DRIFT, "60", "60", "timeout is now 60 s"))));
        List<Message> sent = new ArrayList<>();
        RunState run = RunState.start("r3").withPlan(ArtifactKeys.index("r3"), 3, 2, new BigDecimal("9.00"))
                .withResult(ArtifactKeys.result("r3"));

        new NotifyStage(sent::add, documents, "111111111111", null).notifySummary(run);
        new NotifyStage(sent::add, documents, "111111111111", null).notifyRejected(run);

        Message summary = sent.get(0);
        assertEquals("fleetopt: 1 changes applied across 1 account and 1 region (run r3)", summary.subject());
        assertTrue(summary.body().contains("orders-api"), summary.body());
        assertTrue(summary.body().contains("Changes in member accounts have no guard alarms yet: no alarm watches them, "
                + "so none of them is rolled back automatically."), summary.body());
        assertFalse(summary.body().contains("fleetopt rollback"), "no undo command is offered for member accounts");
        assertEquals("fleetopt: run r3 rejected, nothing changed", sent.get(1).subject());
        assertTrue(sent.get(1).body().contains("approved none of the 2 changes"), sent.get(1).body());
    }

    @Test
    void withoutAnIndexNothingIsSentAndTheMissingDocumentIsNamed(@TempDir Path dir) {
        List<Message> sent = new ArrayList<>();
        NotifyIndexedPlanStage stage = new NotifyIndexedPlanStage(sent::add, new DocumentStore(new DirectoryArtifactStore(dir), new DocumentCodec()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stage.run(RunState.start("r2")));
        assertTrue(e.getMessage().contains("run index") && e.getMessage().contains("index.json"), e.getMessage());
        assertTrue(sent.isEmpty());
    }
}
