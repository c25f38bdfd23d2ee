package io.fleetopt.notifier;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireAlarmsStageTest {

    @TempDir
    Path dir;

    private static final String MEMBER = "210987654321";

    private static LedgerEntry change(String function, RecommendationKind kind, LedgerAction action, String before, String after) {
        return change("run-1", DemoAccount.arnOf(function), kind, action, before, after);
    }

    private static LedgerEntry change(String run, String arn, RecommendationKind kind, LedgerAction action, String before, String after) {
        String function = arn.substring(arn.lastIndexOf(':') + 1);
        return new LedgerEntry(run, kind.name() + "-" + arn, arn, function, kind, action, before, after, "ana", Instant.EPOCH,
                BigDecimal.ONE, "r");
    }

    /** The member account's alarms: what each (account, region)'s port was given, and how often each was opened. */
    private static final class RecordingMemberAlarms implements MemberAlarmPorts {
        final java.util.Map<String, List<GuardAlarm>> put = new java.util.LinkedHashMap<>();
        final java.util.Map<String, Integer> opened = new java.util.LinkedHashMap<>();
        final java.util.Set<String> closed = new java.util.HashSet<>();

        @Override
        public Port open(String accountId, String region) {
            String target = accountId + "/" + region;
            opened.merge(target, 1, Integer::sum);
            return new Port() {
                @Override
                public void putAlarm(GuardAlarm alarm) {
                    put.computeIfAbsent(target, t -> new java.util.ArrayList<>()).add(alarm);
                }

                @Override
                public List<GuardAlarm> alarms() {
                    return put.getOrDefault(target, List.of());
                }

                @Override
                public void close() {
                    closed.add(target);
                }
            };
        }
    }

    /**
     * A run over member accounts: the demo's fleet collected as the target (demo account, us-east-1) and, with its
     * ARNs moved to {@link #MEMBER}, as (MEMBER, us-east-1); the index names both.
     */
    private RunState memberRun(DocumentStore documents, DemoAccount account) {
        String run = "org-1";
        io.fleetopt.core.model.FleetSnapshot snapshot = account.collect(new CollectRequest(run, List.of(DemoAccount.REGION), 14,
                Scope.everything()));
        io.fleetopt.core.model.CollectTarget demo = new io.fleetopt.core.model.CollectTarget(DemoAccount.ACCOUNT_ID, DemoAccount.REGION, null);
        io.fleetopt.core.model.CollectTarget member = new io.fleetopt.core.model.CollectTarget(MEMBER, DemoAccount.REGION, null);
        String demoKey = documents.write(ArtifactKeys.snapshot(run, demo), snapshot);
        try (DocumentCodec codec = new DocumentCodec()) {
            String moved = codec.write(snapshot).replace(":" + DemoAccount.ACCOUNT_ID + ":", ":" + MEMBER + ":");
            documents.write(ArtifactKeys.snapshot(run, member), codec.read(moved, io.fleetopt.core.model.FleetSnapshot.class, "snapshot"));
        }
        String digest = "sha256:" + "0".repeat(64);
        io.fleetopt.core.model.RunIndex index = io.fleetopt.core.model.RunIndex.of(run, List.of(
                new io.fleetopt.core.model.RunIndex.Entry(DemoAccount.ACCOUNT_ID, DemoAccount.REGION, demoKey,
                        ArtifactKeys.plan(run, demo), digest, 31, 2, 2, BigDecimal.ONE),
                new io.fleetopt.core.model.RunIndex.Entry(MEMBER, DemoAccount.REGION, ArtifactKeys.snapshot(run, member),
                        ArtifactKeys.plan(run, member), digest, 31, 2, 2, BigDecimal.ONE)), List.of());
        documents.write(ArtifactKeys.index(run), index);
        return RunState.start(run).withSnapshot(null, 62).withPlan(ArtifactKeys.index(run), 4, 4, new BigDecimal("2"));
    }

    @Test
    void putsAMemberRunsAlarmsInEachFunctionsOwnAccountAndRegionThroughOnePortPerTarget() {
        try (DocumentCodec codec = new DocumentCodec()) {
            DemoAccount account = DemoAccount.open(dir, true, codec);
            DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir.resolve("artifacts")), codec);
            RunState run = memberRun(documents, account);
            String memberArn = "arn:aws:lambda:us-east-1:" + MEMBER + ":function:orders-api";
            JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec);
            ledger.append(change("org-1", memberArn, RecommendationKind.MEMORY, LedgerAction.APPLIED, "3008", "832"));
            ledger.append(change("org-1", memberArn, RecommendationKind.TIMEOUT, LedgerAction.APPLIED, "300", "6"));
            ledger.append(change("org-1", DemoAccount.arnOf("cart-service"), RecommendationKind.MEMORY, LedgerAction.APPLIED, "3008", "256"));
            RecordingMemberAlarms members = new RecordingMemberAlarms();

            List<GuardAlarm> wired = new WireAlarmsStage(ledger, documents, account, io.fleetopt.core.change.LatencyGuard.defaults(),
                    members).wire(run);

            List<GuardAlarm> inMember = members.put.get(MEMBER + "/us-east-1");
            assertEquals(List.of("fleetopt-orders-api-errors", "fleetopt-orders-api-near-timeout", "fleetopt-orders-api-p99-slowdown"),
                    inMember.stream().map(GuardAlarm::name).toList().subList(0, 3));
            assertTrue(inMember.stream().allMatch(a -> a.functionArn().equals(memberArn) && "org-1".equals(a.runId())), inMember.toString());
            assertEquals(5400.0, inMember.get(1).threshold(), "90 % of the 6 s timeout the run set");
            assertTrue(members.put.get(DemoAccount.ACCOUNT_ID + "/us-east-1").stream()
                    .allMatch(a -> a.functionArn().equals(DemoAccount.arnOf("cart-service"))));
            assertEquals(java.util.Map.of(MEMBER + "/us-east-1", 1, DemoAccount.ACCOUNT_ID + "/us-east-1", 1), members.opened,
                    "one session per (account, region)");
            assertEquals(members.opened.keySet(), members.closed);
            assertTrue(account.alarms().isEmpty(), "nothing of a member run goes to the deployment's own alarms");
            assertEquals(wired.size(), members.put.values().stream().mapToInt(List::size).sum());
        }
    }

    @Test
    void theSameFunctionGetsTheSameAlarmsInAMemberAccountAsInTheDeploymentsOwn() {
        try (DocumentCodec codec = new DocumentCodec()) {
            DemoAccount account = DemoAccount.open(dir, true, codec);
            DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir.resolve("artifacts")), codec);
            RunState member = memberRun(documents, account);
            String snapshotKey = documents.write(ArtifactKeys.snapshot("run-1"),
                    account.collect(new CollectRequest("run-1", List.of(DemoAccount.REGION), 14, Scope.everything())));
            JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec);
            ledger.append(change("org-1", DemoAccount.arnOf("orders-api"), RecommendationKind.MEMORY, LedgerAction.APPLIED, "3008", "832"));
            ledger.append(change("run-1", DemoAccount.arnOf("orders-api"), RecommendationKind.MEMORY, LedgerAction.APPLIED, "3008", "832"));
            RecordingMemberAlarms members = new RecordingMemberAlarms();
            WireAlarmsStage stage = new WireAlarmsStage(ledger, documents, account, io.fleetopt.core.change.LatencyGuard.defaults(), members);

            List<GuardAlarm> own = stage.wire(RunState.start("run-1").withSnapshot(snapshotKey, 31));
            List<GuardAlarm> inMember = stage.wire(member);

            assertEquals(own.stream().map(WireAlarmsStageTest::withoutRun).toList(), inMember.stream().map(WireAlarmsStageTest::withoutRun).toList());
            assertTrue(inMember.stream().allMatch(a -> "org-1".equals(a.runId())));
            assertEquals(own, account.alarms().stream().filter(own::contains).toList(), "the single-account run's alarms stay the deployment's");
        }
    }

    private static GuardAlarm withoutRun(GuardAlarm a) {
        return new GuardAlarm(a.name(), a.functionArn(), a.functionName(), a.namespace(), a.metricName(), a.dimensions(), a.statistic(),
                a.threshold(), a.periodSeconds(), a.evaluationPeriods(), a.reason(), null);
    }

    @Test
    void aMemberRunWithoutMemberRoleSettingsNamesTheSettingAndPutsNoAlarm() {
        try (DocumentCodec codec = new DocumentCodec()) {
            DemoAccount account = DemoAccount.open(dir, true, codec);
            DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir.resolve("artifacts")), codec);
            RunState run = memberRun(documents, account);
            JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec);
            ledger.append(change("org-1", "arn:aws:lambda:us-east-1:" + MEMBER + ":function:orders-api", RecommendationKind.MEMORY,
                    LedgerAction.APPLIED, "3008", "832"));

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new WireAlarmsStage(ledger, documents, account).wire(run));

            assertTrue(e.getMessage().contains("fleetopt.organization.external-id"), e.getMessage());
            assertTrue(account.alarms().isEmpty());
        }
    }

    @Test
    void aMemberRunsChangeInATargetTheIndexDoesNotNameIsRefusedBeforeAnyAlarm() {
        try (DocumentCodec codec = new DocumentCodec()) {
            DemoAccount account = DemoAccount.open(dir, true, codec);
            DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir.resolve("artifacts")), codec);
            RunState run = memberRun(documents, account);
            JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec);
            ledger.append(change("org-1", "arn:aws:lambda:us-east-1:" + MEMBER + ":function:orders-api", RecommendationKind.MEMORY,
                    LedgerAction.APPLIED, "3008", "832"));
            ledger.append(change("org-1", "arn:aws:lambda:eu-west-1:" + MEMBER + ":function:orders-api", RecommendationKind.MEMORY,
                    LedgerAction.APPLIED, "3008", "832"));
            RecordingMemberAlarms members = new RecordingMemberAlarms();

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new WireAlarmsStage(ledger, documents, account,
                    io.fleetopt.core.change.LatencyGuard.defaults(), members).wire(run));

            assertTrue(e.getMessage().contains("has no target " + MEMBER + "/eu-west-1"), e.getMessage());
            assertTrue(members.opened.isEmpty(), "no alarm is put before every function's alarms are known");
        }
    }

    @Test
    void guardsEachStandingChangeWithTheTimeoutTheFunctionHasAfterTheRun() {
        try (DocumentCodec codec = new DocumentCodec()) {
            DemoAccount account = DemoAccount.open(dir, true, codec);
            DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir.resolve("artifacts")), codec);
            String snapshotKey = documents.write(ArtifactKeys.snapshot("run-1"),
                    account.collect(new CollectRequest("run-1", List.of(DemoAccount.REGION), 14, Scope.everything())));
            JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec);
            ledger.append(change("orders-api", RecommendationKind.MEMORY, LedgerAction.APPLIED, "3008", "832"));
            ledger.append(change("orders-api", RecommendationKind.TIMEOUT, LedgerAction.APPLIED, "300", "6"));
            ledger.append(change("cart-service", RecommendationKind.MEMORY, LedgerAction.APPLIED, "3008", "256"));
            ledger.append(change("cart-service", RecommendationKind.MEMORY, LedgerAction.ROLLED_BACK, "256", "3008"));

            List<GuardAlarm> wired = new WireAlarmsStage(ledger, documents, account)
                    .wire(RunState.start("run-1").withSnapshot(snapshotKey, 31));

            assertEquals(List.of("fleetopt-orders-api-errors", "fleetopt-orders-api-near-timeout", "fleetopt-orders-api-p99-slowdown"),
                    wired.stream().map(GuardAlarm::name).toList().subList(0, 3));
            assertTrue(wired.stream().allMatch(a -> a.functionName().equals("orders-api") && "run-1".equals(a.runId())), wired.toString());
            assertEquals(5400.0, wired.get(1).threshold(), "90 % of the 6 s timeout the run set");
            assertTrue(account.alarms().containsAll(wired));
        }
    }
}
