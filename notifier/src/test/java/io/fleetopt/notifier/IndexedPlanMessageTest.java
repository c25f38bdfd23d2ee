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
    /** The message reads the index, never the targets' plans, so their digest here is a placeholder of the right form. */
    static final String UNREAD_PLAN_DIGEST = "sha256:" + "0".repeat(64);


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
    void theSummaryOfAnAppliedMemberRunSaysWhatWasAppliedWhereItsGuardAlarmsAreAndWhatWasNotCollected(@TempDir Path dir) {
        RunIndex index = RunIndex.of("r3", List.of(new RunIndex.Entry("210987654321", "eu-west-1", "runs/r3/s.json",
                "runs/r3/p.json", io.fleetopt.core.model.PlanDigest.ofText("p"), 10, 3, 2, new BigDecimal("9.00"))),
                List.of(new RunIndex.FailedTarget("333333333333", "us-east-1", "MemberRoleDeniedException",
                        "cannot assume arn:aws:iam::333333333333:role/fleetopt-member")));
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
        assertTrue(summary.body().contains(IndexedPlanMessage.MEMBER_GUARD_ALARMS), summary.body());
        assertFalse(summary.body().contains("no guard alarms"), summary.body());
        assertTrue(summary.body().contains("Not collected (1): nothing of them is in the totals\n  333333333333 us-east-1: "
                + "MemberRoleDeniedException - cannot assume arn:aws:iam::333333333333:role/fleetopt-member"), summary.body());
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

    @Test
    void withTheRunsSavingsCheckTheMessageLinksTheOneReportOfTheMemberRun(@TempDir Path dir) {
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir.resolve("artifacts"));
        DocumentCodec codec = new DocumentCodec();
        DocumentStore documents = new DocumentStore(store, codec);
        RunIndex index = index("r3", 30, 2);
        documents.write(ArtifactKeys.index("r3"), index);
        java.time.Instant at = java.time.Instant.parse("2026-11-30T06:00:00Z");
        documents.write(ArtifactKeys.savings("r3"), new io.fleetopt.core.model.SavingsReport(io.fleetopt.core.model.SavingsReport.SCHEMA_VERSION,
                "r3", at, List.of(), new BigDecimal("0.00"), io.fleetopt.core.model.CostExplorerUse.of(0, "none",
                "not read: no change set is a week old yet", null), 0, List.of()));
        io.fleetopt.core.local.JsonLinesChangeLedger ledger = new io.fleetopt.core.local.JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec);
        List<Message> sent = new ArrayList<>();

        new NotifyIndexedPlanStage(sent::add, documents, ledger, io.fleetopt.notifier.report.ReportPublisher.located(store, codec),
                "organization", java.time.Clock.fixed(at, java.time.ZoneOffset.UTC)).run(RunState.start("r3"));

        String body = sent.getFirst().body();
        assertTrue(body.endsWith("\nThe weekly savings report (HTML; Markdown and JSON beside it):\n  " + store.locate("runs/r3/report.html") + "\n"),
                body);
        io.fleetopt.notifier.report.WeeklyReport report = codec.read(store.get("runs/r3/report.json").orElseThrow(),
                io.fleetopt.notifier.report.WeeklyReport.class, "report.json");
        assertEquals(index.totals().functionCount(), report.accounts().totals().functions());
        assertEquals(index.totals().applyItemCount(), report.accounts().totals().changesPlanned());
        assertEquals(2, report.accounts().accounts().size(), "30 targets: 17 regions of one account, 13 of the next");
        assertEquals(2, report.accounts().notCollected().size());
        assertTrue(store.get("runs/r3/report.html").orElseThrow().contains("none of them was applied: proposed only."));
    }

    @Test
    void withoutTheRunsSavingsCheckNoReportIsStoredOrLinked(@TempDir Path dir) {
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir.resolve("artifacts"));
        DocumentCodec codec = new DocumentCodec();
        DocumentStore documents = new DocumentStore(store, codec);
        documents.write(ArtifactKeys.index("r4"), index("r4", 2, 0));
        List<Message> sent = new ArrayList<>();

        new NotifyIndexedPlanStage(sent::add, documents, new io.fleetopt.core.local.JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec),
                io.fleetopt.notifier.report.ReportPublisher.located(store, codec), "organization", java.time.Clock.systemUTC())
                .run(RunState.start("r4"));

        assertFalse(sent.getFirst().body().contains("weekly savings report"), sent.getFirst().body());
        assertTrue(store.get("runs/r4/report.html").isEmpty());
    }

    @Test
    void aRunOf1700TargetsReadsInPlainTextTheLargestAndCountsTheRestAlsoOfThoseNotCollected() {
        RunIndex index = index("r5", 1_700, 120);
        Message m = IndexedPlanMessage.of(index, "s3://bucket/runs/r5/index.json", key -> "s3://bucket/" + key);

        String[] lines = m.body().split("\n");
        assertTrue(lines.length < 60, lines.length + " lines:\n" + m.body());
        assertTrue(m.body().contains("  and 1,560 more account-region pairs in the index\n"), m.body());
        assertTrue(m.body().contains("Not collected (120): nothing of them is in the totals\n"), m.body());
        assertTrue(m.body().contains("  and 100 more not collected, each with its error in the index\n"), m.body());
        assertTrue(java.util.Arrays.stream(lines).allMatch(l -> l.length() <= 400), "no line runs on");
    }

    private static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2",
            "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1",
            "ap-northeast-2", "ap-south-1", "ca-central-1", "sa-east-1");

    /** {@code targets} (account, region)s, the last {@code failed} of them not collected. */
    private static RunIndex index(String run, int targets, int failed) {
        List<RunIndex.Entry> entries = new ArrayList<>();
        List<RunIndex.FailedTarget> failures = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            String account = String.format("%012d", 300_000_000_000L + i / 17);
            String region = REGIONS.get(i % 17);
            if (i >= targets - failed) {
                failures.add(new RunIndex.FailedTarget(account, region, "States.TaskFailed", "throttled"));
                continue;
            }
            io.fleetopt.core.model.CollectTarget target = new io.fleetopt.core.model.CollectTarget(account, region, null);
            entries.add(new RunIndex.Entry(account, region, ArtifactKeys.snapshot(run, target), ArtifactKeys.plan(run, target), UNREAD_PLAN_DIGEST, 200, 9, 5,
                    new BigDecimal(i % 50 + ".75")));
        }
        return RunIndex.of(run, entries, failures);
    }
}
