package io.fleetopt.core.json;

import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesChangeLedgerTest {

    private static final DocumentCodec CODEC = new DocumentCodec();

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        CODEC.close();
    }

    private static LedgerEntry entry(String run, String item, LedgerAction action) {
        return new LedgerEntry(run, item, "arn:f", "f", RecommendationKind.MEMORY, action, "3008", "512", "ana",
                Instant.parse("2026-11-02T06:00:00Z"), new BigDecimal("8.78"), "rev-2");
    }

    @Test
    void readsBackWhatWasAppendedInOrder() {
        JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), CODEC);
        ledger.append(entry("r1", "a", LedgerAction.APPLIED));
        ledger.append(entry("r2", "b", LedgerAction.APPLIED));
        ledger.append(entry("r1", "a", LedgerAction.ROLLED_BACK));
        assertEquals(3, ledger.entries().size());
        assertEquals(LedgerAction.ROLLED_BACK, ledger.latest("r1", "a").orElseThrow().action());
        assertEquals(2, ledger.entriesOfRun("r1").size());
        assertTrue(ledger.latest("r3", "a").isEmpty());
    }

    @Test
    void namesTheLineOfABrokenEntry() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(file, CODEC);
        ledger.append(entry("r1", "a", LedgerAction.APPLIED));
        Files.writeString(file, "{\"runId\": \"r1\", \"oops\": 1}\n", java.nio.file.StandardOpenOption.APPEND);
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, ledger::entries);
        assertTrue(e.getMessage().startsWith(file + " line 2: "), e.getMessage());
    }

    @Test
    void writesAnEntrysSlotOnlyOnce() {
        JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), CODEC);
        assertTrue(ledger.record(entry("r1", "a", LedgerAction.INTENT)));
        assertFalse(ledger.record(entry("r1", "a", LedgerAction.INTENT)));
        assertTrue(ledger.record(entry("r1", "a", LedgerAction.ABANDONED)));
        assertFalse(ledger.record(entry("r1", "a", LedgerAction.APPLIED)), "one completion per item");
        assertTrue(ledger.record(entry("r2", "a", LedgerAction.INTENT)), "another run's item is another slot");
        assertEquals(3, ledger.entries().size());
    }

    @Test
    void ofManyThreadsWritingOneIntentExactlyOneSucceedsAndTheFileStaysWhole() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> attempts = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String item = "item-" + (i % 4);
                attempts.add(pool.submit(() -> new JsonLinesChangeLedger(file, CODEC).record(entry("r1", item, LedgerAction.INTENT))));
            }
            int won = 0;
            for (var attempt : attempts) {
                won += attempt.get() ? 1 : 0;
            }
            assertEquals(4, won);
            assertEquals(4, new JsonLinesChangeLedger(file, CODEC).entries().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void movesATornLastLineAsideAndGoesOnFromTheLastWholeLine() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(file, CODEC);
        ledger.record(entry("r1", "a", LedgerAction.INTENT));
        Files.writeString(file, "{\"runId\": \"r1\", \"itemId\": \"b\", \"functionA", java.nio.file.StandardOpenOption.APPEND);

        assertEquals(1, ledger.entries().size());
        assertTrue(ledger.record(entry("r1", "b", LedgerAction.INTENT)));

        assertEquals(2, new JsonLinesChangeLedger(file, CODEC).entries().size());
        assertEquals(1, ledger.repairs().size());
        assertTrue(ledger.repairs().get(0).startsWith("the change ledger " + file.toAbsolutePath() + " ended in a torn line"),
                ledger.repairs().get(0));
        try (var aside = Files.list(dir)) {
            assertEquals(1, aside.filter(p -> p.getFileName().toString().startsWith("ledger.jsonl.torn-")).count());
        }
        assertTrue(Files.readString(file).endsWith("\n"));
    }

    @Test
    void findsAFunctionsAndADateRangesEntries() {
        JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), CODEC);
        ledger.record(entry("r1", "a", LedgerAction.APPLIED));
        assertEquals(1, ledger.entriesOfFunction("arn:f").size());
        assertEquals(0, ledger.entriesOfFunction("arn:g").size());
        assertEquals(1, ledger.entriesBetween(Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z")).size());
        assertEquals(0, ledger.entriesBetween(Instant.parse("2026-11-02T06:00:01Z"), Instant.parse("2026-11-03T00:00:00Z")).size());
    }
}
