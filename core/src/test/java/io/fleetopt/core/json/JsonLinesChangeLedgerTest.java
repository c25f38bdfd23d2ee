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

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
