package io.fleetopt.core.json;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentCodecTest {

    private static final DocumentCodec CODEC = new DocumentCodec();

    @AfterAll
    static void close() {
        CODEC.close();
    }

    static Plan plan(Recommendation... items) {
        return new Plan(Plan.SCHEMA_VERSION, "run-1", Instant.parse("2026-11-02T06:00:00Z"), List.of(items), List.of(),
                new PlanTotals(1, items.length, items.length, 0, 0, BigDecimal.ONE, Map.of("MEMORY", BigDecimal.ONE), Map.of()),
                List.of());
    }

    static Recommendation memoryItem(String id, String proposed) {
        return new Recommendation(id, "arn:aws:lambda:us-east-1:123456789012:function:f", "f", RecommendationKind.MEMORY,
                "3008", proposed, Risk.LOW, Action.APPLY, "max memory used 400 MB", new BigDecimal("8.78"), List.of(),
                "rev-1", List.of());
    }

    @Test
    void writesAndReadsAPlanBackUnchanged() {
        Plan plan = plan(memoryItem("mem-1", "512"));
        String json = CODEC.write(plan);
        assertEquals(plan, CODEC.read(json, Plan.class, "plan.json"));
        assertTrue(json.contains("\n  \"runId\" : \"run-1\""), json);
    }

    @Test
    void rejectsAnUnknownFieldNamingIt() {
        String json = CODEC.write(plan()).replace("\"runId\"", "\"colour\" : \"red\", \"runId\"");
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> CODEC.read(json, Plan.class, "plan.json"));
        assertTrue(e.getMessage().startsWith("plan.json: "), e.getMessage());
        assertEquals("plan.json: not a valid Plan document: colour: unknown field (a Plan has no such field)", e.getMessage());
    }

    @Test
    void namesTheNestedPathOfAnUnknownField() {
        String json = CODEC.write(plan(memoryItem("mem-1", "512"))).replace("\"rationale\"", "\"rationale_typo\"");
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> CODEC.read(json, Plan.class, "plan.json"));
        assertEquals("plan.json: not a valid Plan document: items[0].rationale_typo: unknown field (a Recommendation has no such field)",
                e.getMessage());
    }

    @Test
    void rejectsAMissingFieldNamingIt() {
        String json = CODEC.write(plan(memoryItem("mem-1", "512"))).replace("\"rationale\" : \"max memory used 400 MB\",", "");
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> CODEC.read(json, Plan.class, "plan.json"));
        assertTrue(e.getMessage().contains("rationale"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownKindNamingTheFieldAndTheValue() {
        String json = CODEC.write(plan(memoryItem("mem-1", "512"), memoryItem("mem-2", "512")))
                .replaceFirst("\"LOW\"", "\"LOW\"").replace("\"id\" : \"mem-2\",", "\"id\" : \"mem-2\", \"kind\" : \"MEMROY\",")
                .replaceFirst("(?s)(\"id\" : \"mem-2\".*?)\"kind\" : \"MEMORY\",", "$1");
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> CODEC.read(json, Plan.class, "plan.json"));
        assertTrue(e.getMessage().startsWith("plan.json: not a valid Plan document: items[1].kind: "), e.getMessage());
        assertTrue(e.getMessage().contains("MEMROY") && !e.getMessage().contains("[Source:"), e.getMessage());
    }

    @Test
    void rejectsAnOutOfRangeMemoryNamingTheItem() {
        String json = CODEC.write(plan(memoryItem("mem-1", "512"), memoryItem("mem-2", "64")));
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> CODEC.read(json, Plan.class, "plan.json"));
        assertEquals("plan.json: items[1].proposedValue: is 64, must be between 128 and 10240", e.getMessage());
    }

    @Test
    void rejectsDuplicateItemIds() {
        String json = CODEC.write(plan(memoryItem("mem-1", "512"), memoryItem("mem-1", "1024")));
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> CODEC.read(json, Plan.class, "plan.json"));
        assertTrue(e.getMessage().contains("items[1].id: 'mem-1' appears twice"), e.getMessage());
    }

    @Test
    void rejectsAnotherSchemaVersion() {
        String json = CODEC.write(plan()).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 7");
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> CODEC.read(json, Plan.class, "plan.json"));
        assertTrue(e.getMessage().contains("schemaVersion: is 7, this version of fleetopt reads 1"), e.getMessage());
    }

    @Test
    void rejectsADecisionThatApprovesAndRejectsTheSameItem() {
        Decision decision = Decision.of(plan(), List.of("a"), List.of("a"), "ana@example.com", Instant.EPOCH);
        String json = CODEC.write(decision);
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> CODEC.read(json, Decision.class, "d.json"));
        assertEquals("d.json: approvedItemIds: 'a' is also rejected", e.getMessage());
    }

    @Test
    void rejectsMalformedJson() {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> CODEC.read("{\"runId\": ", Plan.class, "plan.json"));
        assertTrue(e.getMessage().startsWith("plan.json: not a valid Plan document"), e.getMessage());
    }
}
