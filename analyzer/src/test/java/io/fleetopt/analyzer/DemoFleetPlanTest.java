package io.fleetopt.analyzer;

import io.fleetopt.analyzer.rules.Rule;
import io.fleetopt.analyzer.rules.RuleSet;
import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.SkippedFunction;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.pricing.Pricing;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo account is where people first see the analyzer: each rule shows there, and the sound functions stay quiet. */
class DemoFleetPlanTest {

    private static final DocumentCodec CODEC = new DocumentCodec();
    private static Plan plan;

    @BeforeAll
    static void planTheDemoAccount(@TempDir Path stateDir) {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        var snapshot = account.collect(new CollectRequest("demo-test", List.of(DemoAccount.REGION), 14, Scope.everything()));
        plan = new Analyzer(AnalyzerPolicy.defaults(), Pricing.standard(), RuleSet.standard(), account.clock()).analyze(snapshot);
    }

    @AfterAll
    static void close() {
        CODEC.close();
    }

    @Test
    void proposesNothingForTheWellConfiguredFunctions() {
        for (String name : List.of("auth-token-api", "config-reader", "events-consumer-arm", "queue-drainer")) {
            assertEquals(List.of(), Analysis.itemsOf(plan, name), name);
        }
    }

    @Test
    void showsEveryRuleOnSomeDemoFunction() {
        Set<RecommendationKind> shown = plan.items().stream().map(Recommendation::kind).collect(Collectors.toSet());
        for (Rule rule : RuleSet.standard()) {
            assertTrue(shown.contains(rule.kind()), rule.kind() + " is not shown on the demo account");
        }
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
            "email-sender,      DLQ,                     SQS dead-letter queue or on-failure destination",
            "email-sender,      TRACING,                 Active",
            "checkout-worker,   RESERVED_CONCURRENCY,    9",
            "search-warm,       PROVISIONED_CONCURRENCY, 2",
            "pdf-renderer,      MEMORY,                  2816",   // its CPU time is 158 % of duration: 1.58 vCPU
            "memory-tight-api,  MEMORY,                  320",
            "slow-export,       TIMEOUT,                 9",
            "ledger-writer,     MEMORY,                  1536",   // a first step of half: the tag's 1,024 MB is below it
            "ledger-writer,     LOG_RETENTION,           365",
    })
    void proposesTheCaseEachSpecialFunctionWasMadeFor(String function, RecommendationKind kind, String proposed) {
        assertEquals(proposed, Analysis.itemOf(plan, function, kind).orElseThrow().proposedValue());
    }

    @Test
    void reportsAMemoryCutThatSavesLessThanTheMinimumInsteadOfApplyingIt() {
        // cart-service's cut saves $0.51/month
        Recommendation cart = Analysis.itemOf(plan, "cart-service", RecommendationKind.MEMORY).orElseThrow();
        assertEquals(io.fleetopt.core.model.Action.REPORT_ONLY, cart.action(), cart.rationale());
        assertTrue(cart.rationale().endsWith("; reported, not applied: it saves less than the $1.00/month a memory cut "
                + "must save (fleetopt.analyzer.min-monthly-saving-usd)."), cart.rationale());
    }

    @Test
    void ratesTheRuntimesByTheirEndOfSupport() {
        assertEquals(Risk.HIGH, Analysis.itemOf(plan, "reports-python39", RecommendationKind.RUNTIME).orElseThrow().risk());
        assertEquals(Risk.MEDIUM, Analysis.itemOf(plan, "billing-dotnet8", RecommendationKind.RUNTIME).orElseThrow().risk());
    }

    @Test
    void neverCutsMemoryWithoutASource() {
        assertTrue(Analysis.itemOf(plan, "image-resizer-v1", RecommendationKind.MEMORY).isEmpty());
    }

    @Test
    void leavesTheSkippedTheYoungTheQuietAndItsOwnFunctionsAlone() {
        assertEquals(List.of("admin-reports", "fleetopt-collector", "legacy-batch", "new-feature-api"),
                plan.skipped().stream().map(SkippedFunction::functionName).toList());
    }

    @Test
    void explainsEveryItemInOneSentenceWithItsNumbers() {
        for (Recommendation item : plan.items()) {
            String rationale = item.rationale();
            assertTrue(rationale.endsWith("."), rationale);
            assertFalse(rationale.substring(0, rationale.length() - 1).contains(". "), "more than one sentence: " + rationale);
            assertTrue(rationale.matches(".*\\d.*"), "no numbers: " + rationale);
            assertFalse(item.assumptions().isEmpty(), "no assumptions: " + rationale);
        }
    }

    @Test
    void reportsTheBadHeadroomTag() {
        assertTrue(plan.warnings().stream().anyMatch(w -> w.startsWith("ledger-writer: tag fleetopt:headroom=lots is ignored")),
                plan.warnings().toString());
    }
}
