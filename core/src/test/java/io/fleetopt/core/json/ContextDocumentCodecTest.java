package io.fleetopt.core.json;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A context's document codec (CoreFactory: over the context's own mapper, no second context started) reads and
 * writes documents exactly as a standalone one: unknown fields rejected, nulls and empty lists written out.
 */
class ContextDocumentCodecTest {

    private static final DocumentCodec STANDALONE = new DocumentCodec();
    private static ApplicationContext context;
    private static DocumentCodec inContext;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run();
        inContext = context.getBean(DocumentCodec.class);
    }

    @AfterAll
    static void close() {
        context.close();
        STANDALONE.close();
    }

    private static Plan planWithANullAndEmptyLists() {
        Recommendation item = new Recommendation("mem-1", "arn:aws:lambda:us-east-1:123456789012:function:f", "f",
                RecommendationKind.MEMORY, "3008", "512", Risk.LOW, Action.APPLY, "max memory used 400 MB",
                new BigDecimal("8.70"), List.of(), null, List.of());
        return DocumentCodecTest.plan(item);
    }

    @Test
    void writesADocumentAsTheStandaloneCodecDoesNullsAndEmptyListsIncluded() {
        Plan plan = planWithANullAndEmptyLists();
        String json = inContext.write(plan);
        assertEquals(STANDALONE.write(plan), json);
        assertEquals(STANDALONE.writeLine(plan), inContext.writeLine(plan));
        assertTrue(json.contains("\"plannedRevisionId\" : null"), json);
        assertTrue(json.contains("\"skipped\" : [ ]"), json);
        assertTrue(json.contains("\"monthlySavingUsd\" : 8.70"), json);
    }

    @Test
    void rejectsAnUnknownFieldAsTheStandaloneCodecDoes() {
        String json = inContext.write(planWithANullAndEmptyLists()).replace("\"runId\"", "\"colour\" : \"red\", \"runId\"");
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> inContext.read(json, Plan.class, "plan.json"));
        assertEquals("plan.json: not a valid Plan document: colour: unknown field (a Plan has no such field)", e.getMessage());
    }

    @Test
    void leavesTheContextsOwnMapperAsItWas() throws IOException {
        JsonMapper own = context.getBean(JsonMapper.class);
        String json = own.writeValueAsString(planWithANullAndEmptyLists());
        assertTrue(!json.contains("\"plannedRevisionId\":null"), "the context's mapper leaves nulls out, as before: " + json);
    }
}
