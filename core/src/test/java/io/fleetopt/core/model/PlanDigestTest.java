package io.fleetopt.core.model;

import io.fleetopt.core.json.DocumentCodec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanDigestTest {

    private static final DocumentCodec CODEC = new DocumentCodec();

    @Test
    void aPlanAndThePlanReadBackFromItsFileHaveOneDigest() {
        Plan plan = plan("832", new BigDecimal("1.00"));
        Plan readBack = CODEC.read(CODEC.write(plan), Plan.class, "plan.json");
        assertEquals(PlanDigest.of(plan), PlanDigest.of(readBack));
        assertTrue(PlanDigest.of(plan).matches("sha256:[0-9a-f]{64}"), PlanDigest.of(plan));
    }

    @Test
    void aWrittenPlanKeepsItsAmountsAsWritten() {
        Plan readBack = CODEC.read(CODEC.write(plan("832", new BigDecimal("1234.50"))), Plan.class, "plan.json");
        assertEquals(new BigDecimal("1234.50"), readBack.items().get(0).monthlySavingUsd());
    }

    @Test
    void anEditedValueChangesTheDigest() {
        assertNotEquals(PlanDigest.of(plan("832", BigDecimal.ONE)), PlanDigest.of(plan("128", BigDecimal.ONE)));
        assertNotEquals(PlanDigest.of(plan("832", BigDecimal.ONE)), PlanDigest.of(plan("832", BigDecimal.TEN)));
    }

    private static Plan plan(String proposedMemoryMb, BigDecimal saving) {
        Recommendation item = new Recommendation("memory-a", "arn:aws:lambda:us-east-1:123456789012:function:a", "a",
                RecommendationKind.MEMORY, "1024", proposedMemoryMb, Risk.LOW, Action.APPLY, "max used 300 MB", saving,
                List.of(), "rev-1", List.of());
        return new Plan(Plan.SCHEMA_VERSION, "run-1", Instant.parse("2026-11-02T06:00:00Z"), List.of(item), List.of(),
                new PlanTotals(1, 1, 1, 0, 0, saving, Map.of(), Map.of()), List.of());
    }

    @Test
    void anItemsDigestTakesItsNumbersByValueAndChangesWithAnyEditedValue() {
        Recommendation item = item("1.00");
        assertEquals(PlanDigest.ofItem(item), PlanDigest.ofItem(item("1.0")), "1.00 and 1.0 are one number, as Step Functions' JSON has it");
        assertEquals(PlanDigest.ofItem(item), PlanDigest.ofItem(item("1")));
        assertNotEquals(PlanDigest.ofItem(item), PlanDigest.ofItem(item("1.01")));
        Recommendation edited = new Recommendation(item.id(), item.functionArn(), item.functionName(), item.kind(),
                item.currentValue(), "128", item.risk(), item.action(), item.rationale(), item.monthlySavingUsd(),
                item.assumptions(), item.plannedRevisionId(), item.warnings());
        assertNotEquals(PlanDigest.ofItem(item), PlanDigest.ofItem(edited));
        assertTrue(PlanDigest.ofItem(item).matches("sha256:[0-9a-f]{64}"));
    }

    private static Recommendation item(String saving) {
        return new Recommendation("memory-a", "arn:aws:lambda:us-east-1:123456789012:function:a", "a", RecommendationKind.MEMORY,
                "1024", "512", Risk.LOW, Action.APPLY, "test", new BigDecimal(saving), List.of(), "rev-1", List.of());
    }
}
