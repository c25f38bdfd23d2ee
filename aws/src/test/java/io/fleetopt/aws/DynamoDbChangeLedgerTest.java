package io.fleetopt.aws;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.LeaseHeldException;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger and the run's lease against DynamoDB Local, in-process. */
class DynamoDbChangeLedgerTest {

    private static AmazonDynamoDBLocal local;
    private static DynamoDbClient dynamo;
    private String table;
    private DynamoDbChangeLedger ledger;

    @BeforeAll
    static void startDynamoDbLocal() {
        local = DynamoDBEmbedded.create();
        dynamo = local.dynamoDbClient();
    }

    @AfterAll
    static void stop() {
        local.shutdownNow();
    }

    @BeforeEach
    void createTable() {
        table = LedgerTable.create(dynamo);
        ledger = new DynamoDbChangeLedger(dynamo, table);
    }

    private static LedgerEntry entry(String run, String item, LedgerAction action, String at, String revisionAfter) {
        return entry(run, item, "f", action, at, revisionAfter);
    }

    private static LedgerEntry entry(String run, String item, String function, LedgerAction action, String at, String revisionAfter) {
        return new LedgerEntry(run, item, "arn:aws:lambda:us-east-1:123456789012:function:" + function, function,
                RecommendationKind.MEMORY, action, "3008", "512", "ana@example.com", Instant.parse(at), new BigDecimal("8.78"),
                revisionAfter);
    }

    @Test
    void readsBackARunsEntriesExactlyAndInTheOrderTheyWereMade() {
        LedgerEntry intent = entry("r1", "memory-1", LedgerAction.INTENT, "2026-11-02T06:00:00.5Z", null);
        LedgerEntry applied = entry("r1", "memory-1", LedgerAction.APPLIED, "2026-11-02T06:00:01Z", "rev-2");
        LedgerEntry rolledBack = entry("r1", "memory-1", LedgerAction.ROLLED_BACK, "2026-11-03T09:00:00Z", null);
        LedgerEntry otherRun = entry("r2", "timeout-1", LedgerAction.APPLIED, "2026-11-02T07:00:00Z", "rev-9");
        ledger.record(rolledBack);
        ledger.record(otherRun);
        ledger.record(applied);
        ledger.record(intent);
        assertEquals(List.of(intent, applied, rolledBack), ledger.entriesOfRun("r1"));
        assertEquals(LedgerAction.ROLLED_BACK, ledger.latest("r1", "memory-1").orElseThrow().action());
        assertNull(ledger.entriesOfRun("r1").get(2).revisionAfter());
    }

    @Test
    void anAliasMoveAndItsPromotionAreReadBackExactly() {
        io.fleetopt.core.port.AliasMove move = new io.fleetopt.core.port.AliasMove("live", "8",
                new io.fleetopt.core.port.AliasRouting("7", java.util.Map.of("6", 0.05)),
                new io.fleetopt.core.port.AliasRouting("7", java.util.Map.of("8", 0.1)), 20);
        LedgerEntry applied = entry("r3", "memory-3", LedgerAction.APPLIED, "2026-11-02T06:00:01Z", "rev-2").withAliasMove(move);
        LedgerEntry promoted = applied.as(LedgerAction.PROMOTED, Instant.parse("2026-11-09T06:00:00Z"), "rev-2");
        assertTrue(ledger.record(applied));
        assertTrue(ledger.record(promoted));
        assertEquals(List.of(applied, promoted), ledger.entriesOfRun("r3"));
    }

    @Test
    void keepsWhyAGuardAlarmRolledAChangeBackAndADeclinedRollbackInItsOwnSlot() {
        String why = "alarm fleetopt-f-p99-slowdown went to ALARM at 2026-11-04T10:00:00Z: Threshold Crossed";
        LedgerEntry rolledBack = entry("r1", "memory-1", LedgerAction.ROLLED_BACK, "2026-11-04T10:00:05Z", "rev-3").because(why);
        LedgerEntry declined = entry("r1", "timeout-1", LedgerAction.ROLLBACK_DECLINED, "2026-11-04T10:00:06Z", null).because(why);
        assertTrue(ledger.record(rolledBack));
        assertTrue(ledger.record(declined));
        assertFalse(ledger.record(declined.because("again")), "one declined rollback per item");
        assertEquals(List.of(rolledBack, declined), ledger.entriesOfRun("r1"));
        assertEquals(why, ledger.entriesOfRun("r1").get(0).reason());
        assertNull(entry("r1", "x", LedgerAction.APPLIED, "2026-11-02T06:00:00Z", null).reason());
    }

    @Test
    void readsBackTheDecisionThatLedToAChangeAndNoneForARollback() {
        LedgerEntry intent = new LedgerEntry("r1", "memory-1", "arn:aws:lambda:us-east-1:123456789012:function:f", "f",
                RecommendationKind.MEMORY, LedgerAction.INTENT, "3008", "512", "AUTO (policy: auto-approved LOW risk)",
                Instant.parse("2026-11-02T06:00:00Z"), new BigDecimal("8.78"), null,
                "runs/r1/auto-decision.json", "sha256:" + "ab".repeat(32));
        LedgerEntry rolledBack = entry("r1", "memory-1", LedgerAction.ROLLED_BACK, "2026-11-03T09:00:00Z", null);
        ledger.record(intent);
        ledger.record(rolledBack);

        List<LedgerEntry> read = ledger.entriesOfRun("r1");

        assertEquals(List.of(intent, rolledBack), read);
        assertEquals("runs/r1/auto-decision.json", read.get(0).decisionKey());
        assertEquals("sha256:" + "ab".repeat(32), read.get(0).planDigest());
        assertNull(read.get(1).decisionKey());
        assertEquals(intent.decisionKey(), ledger.entriesOfFunction(intent.functionArn()).get(0).decisionKey(),
                "the index by function carries it too");
    }

    @Test
    void anEntrysSlotIsWrittenOnceWhoeverTriesAgain() {
        LedgerEntry intent = entry("r1", "memory-1", LedgerAction.INTENT, "2026-11-02T06:00:01Z", null);
        assertTrue(ledger.record(intent));
        assertFalse(ledger.record(entry("r1", "memory-1", LedgerAction.INTENT, "2026-11-02T06:00:09Z", null)));
        assertTrue(ledger.record(entry("r1", "memory-1", LedgerAction.APPLIED, "2026-11-02T06:00:02Z", "rev-2")));
        assertFalse(ledger.record(entry("r1", "memory-1", LedgerAction.ABANDONED, "2026-11-02T06:00:03Z", null)),
                "APPLIED and ABANDONED share the completion's slot");
        assertEquals(2, ledger.entriesOfRun("r1").size());
    }

    @Test
    void ofManyWritersOfOneIntentExactlyOneSucceeds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String at = Instant.parse("2026-11-02T06:00:00Z").plusMillis(i).toString();
                attempts.add(pool.submit((Callable<Boolean>) () -> ledger.record(entry("r1", "memory-1", LedgerAction.INTENT, at, null))));
            }
            int won = 0;
            for (Future<Boolean> attempt : attempts) {
                won += attempt.get() ? 1 : 0;
            }
            assertEquals(1, won);
            assertEquals(1, ledger.entriesOfItem("r1", "memory-1").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void findsAnItemsAndAFunctionsEntriesByKeyWithoutReadingOtherRuns() {
        ledger.record(entry("r1", "memory-a", "orders", LedgerAction.APPLIED, "2026-11-02T06:00:00Z", "x"));
        ledger.record(entry("r1", "memory-ab", "orders", LedgerAction.APPLIED, "2026-11-02T06:00:01Z", "x"));
        ledger.record(entry("r2", "memory-c", "orders", LedgerAction.APPLIED, "2026-11-09T06:00:00Z", "y"));
        ledger.record(entry("r2", "memory-d", "cart", LedgerAction.APPLIED, "2026-11-09T06:00:00Z", "y"));
        assertEquals(List.of("memory-a"), ledger.entriesOfItem("r1", "memory-a").stream().map(LedgerEntry::itemId).toList());
        assertEquals(List.of("memory-a", "memory-ab", "memory-c"),
                ledger.entriesOfFunction("arn:aws:lambda:us-east-1:123456789012:function:orders").stream()
                        .map(LedgerEntry::itemId).toList());
    }

    @Test
    void readsTheEntriesOfADateRangeDayByDayFromItsIndex() {
        ledger.record(entry("r1", "a", LedgerAction.APPLIED, "2026-10-01T23:59:59.999Z", "x"));
        ledger.record(entry("r2", "b", LedgerAction.APPLIED, "2026-10-02T00:00:00Z", "x"));
        ledger.record(entry("r3", "c", LedgerAction.APPLIED, "2026-10-05T12:00:00.123456Z", "x"));
        ledger.record(entry("r4", "d", LedgerAction.APPLIED, "2026-10-07T00:00:00Z", "x"));
        List<LedgerEntry> found = ledger.entriesBetween(Instant.parse("2026-10-02T00:00:00Z"), Instant.parse("2026-10-07T00:00:00Z"));
        assertEquals(List.of("r2", "r3"), found.stream().map(LedgerEntry::runId).toList());
    }

    @Test
    void readsSixWeeksOfDaysAcrossMonthEndsEveryEntryOnceInOrder() {
        Instant start = Instant.parse("2026-09-21T00:00:00Z");
        List<String> expected = new ArrayList<>();
        for (int day = 0; day < 43; day++) {
            for (int n = 0; n < 2; n++) {
                String at = start.plusSeconds(day * 86_400L + 3_600L * (2 - n)).toString();
                ledger.record(entry("run-" + day, "item-" + n, LedgerAction.APPLIED, at, "x"));
            }
            expected.add("run-" + day + "/item-1");
            expected.add("run-" + day + "/item-0");
        }
        Instant end = start.plusSeconds(43 * 86_400L);
        ledger.record(entry("later", "item-0", LedgerAction.APPLIED, end.toString(), "x"));
        List<LedgerEntry> found = ledger.entriesBetween(start, end);
        assertEquals(expected, found.stream().map(e -> e.runId() + "/" + e.itemId()).toList());
    }

    @Test
    void readsAManyPageRun() {
        for (int i = 0; i < 150; i++) {
            ledger.record(entry("big", "item-" + i, LedgerAction.APPLIED, Instant.parse("2026-11-02T06:00:00Z").plusSeconds(i).toString(), "r"));
        }
        List<LedgerEntry> entries = ledger.entriesOfRun("big");
        assertEquals(150, entries.size());
        assertEquals("item-149", entries.get(149).itemId());
    }

    @Test
    void theLeaseKeepsASecondRunOutUntilTheFirstReleasesItOrItExpires() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-02T06:00:00Z"));
        DynamoDbRunLease lease = new DynamoDbRunLease(dynamo, table, clock);
        lease.acquire("run-a");
        lease.acquire("run-a");
        LeaseHeldException held = assertThrows(LeaseHeldException.class, () -> lease.acquire("run-b"));
        assertTrue(held.getMessage().startsWith("run run-a is applying changes to this account (its lease runs until 2026-11-02T06:30:00Z)"),
                held.getMessage());
        lease.release("run-b");
        assertThrows(LeaseHeldException.class, () -> lease.acquire("run-b"));
        lease.release("run-a");
        lease.acquire("run-b");
        clock.now = clock.now.plus(DynamoDbRunLease.DURATION).plusSeconds(1);
        lease.acquire("run-c");
        assertTrue(ledger.entriesOfRun("run-b").isEmpty(), "the lease is no run's entry");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
