package io.fleetopt.analyzer;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SkippedFunction;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzerTest {

    /** Over-provisioned in every way a rule can see. */
    private static ProfileBuilder wasteful(String name) {
        return function(name).memoryMb(3008).maxMemoryUsedMb(200).timeoutSeconds(300).logsNeverExpire().tag("env", "prod")
                .invocations(1_400_000).durationAvgMs(300).durationMaxMs(900);
    }

    @ParameterizedTest(name = "{0} days, {1} invocations -> skipped: {2}")
    @CsvSource({
            "6,  1000, true",
            "7,  1000, false",
            "14, 49,   true",
            "14, 50,   false",
    })
    void skipsFunctionsWithFewerThanSevenDaysOrFiftyInvocations(int days, long invocations, boolean skipped) {
        Plan plan = Analysis.plan(SnapshotBuilder.of(wasteful("f").days(days).invocations(invocations).build()));
        assertEquals(skipped, plan.skipped().size() == 1);
        // (not skipped, 50 invocations save less than a cent: no memory item either way at the boundary)
        if (skipped) {
            assertTrue(plan.items().stream().noneMatch(i -> i.kind() == RecommendationKind.MEMORY));
        }
    }

    @Test
    void namesTheReasonAFunctionWasSkipped() {
        Plan plan = Analysis.plan(SnapshotBuilder.of(
                wasteful("young").days(4).build(),
                wasteful("quiet").invocations(46).build(),
                wasteful("legacy").tag("fleetopt:skip", "true").build(),
                wasteful("fleetopt-collector").tag("fleetopt:component", "collector").build(),
                wasteful("unsure").tag("fleetopt:skip", "yes").build()));
        assertEquals(List.of(
                "fleetopt-collector: the optimizer's own function",
                "legacy: tagged fleetopt:skip=true",
                "quiet: only 46 invocations in 14 days, 50 needed",
                "unsure: tagged fleetopt:skip=yes, which is neither true nor false: left alone to be safe",
                "young: only 4 days of data, 7 needed"),
                plan.skipped().stream().map(s -> s.functionName() + ": " + s.reason()).toList());
        assertTrue(plan.items().stream().allMatch(i -> i.functionName().equals("young") || i.functionName().equals("quiet")),
                "the skipped and the unsure have no items; the thin ones only configuration findings: " + plan.items());
        assertTrue(plan.items().stream().noneMatch(i -> i.kind() == RecommendationKind.MEMORY || i.kind() == RecommendationKind.TIMEOUT));
    }

    @Test
    void leavesFunctionsOutsideTheScopeAlone() {
        Plan plan = Analysis.plan(SnapshotBuilder.snapshot().with(wasteful("a").build(), wasteful("b").tag("team", "x").build())
                .scope(new Scope(List.of("team=x"), List.of())).build());
        assertEquals(List.of("a"), plan.skipped().stream().map(SkippedFunction::functionName).toList());
        assertTrue(plan.items().stream().allMatch(i -> i.functionName().equals("b")));
    }

    @Test
    void givesTheSamePlanForTheSameSnapshotWhateverTheOrderOfItsFunctions() {
        List<FunctionProfile> functions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            functions.add(wasteful("f" + i).maxMemoryUsedMb(150 + i * 7).invocations(100_000 + i * 1_000L).build());
        }
        Plan first = Analysis.plan(SnapshotBuilder.snapshot().with(functions).build());
        List<FunctionProfile> shuffled = new ArrayList<>(functions);
        Collections.shuffle(shuffled, new Random(7));
        Plan second = Analysis.plan(SnapshotBuilder.snapshot().with(shuffled).build());
        assertEquals(first, second);
        assertEquals(first.items().stream().map(Recommendation::id).distinct().count(), first.items().size());
    }

    @Test
    void sortsItemsByMonthlySavingHighestFirst() {
        Plan plan = Analysis.plan(SnapshotBuilder.of(wasteful("a").build(), wasteful("b").invocations(5_000_000).build()));
        List<BigDecimal> savings = plan.items().stream().map(Recommendation::monthlySavingUsd).toList();
        List<BigDecimal> sorted = new ArrayList<>(savings);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, savings);
        assertEquals("b", plan.items().getFirst().functionName());
    }

    @Test
    void totalsTheSavingByKindAndByFunction() {
        Plan plan = Analysis.plan(SnapshotBuilder.of(wasteful("a").build(), wasteful("b").build()));
        BigDecimal total = plan.items().stream().map(Recommendation::monthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(total, plan.totals().monthlySavingUsd());
        assertEquals(total, plan.totals().savingByKind().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        assertEquals(total, plan.totals().savingByFunction().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        assertEquals(Analysis.itemOf(plan, "a", RecommendationKind.MEMORY).orElseThrow().monthlySavingUsd(),
                plan.totals().savingByKind().get("MEMORY").divide(BigDecimal.TWO));
        assertEquals(plan.items().size(), plan.totals().applyItems() + plan.totals().reportOnlyItems());
    }

    @Test
    void countsTheArm64SavingAtTheMemoryThePlanProposesSoNothingIsCountedTwice() {
        FunctionProfile busy = wasteful("busy").invocations(14_000_000).build();
        FunctionProfile small = wasteful("small").build();
        Plan plan = Analysis.plan(SnapshotBuilder.of(busy, small), AnalyzerPolicy.defaults(), Learned.ioBound(busy, small));
        assertEquals("256", Analysis.itemOf(plan, "busy", RecommendationKind.MEMORY).orElseThrow().proposedValue());
        Recommendation arm = Analysis.itemOf(plan, "busy", RecommendationKind.ARCHITECTURE).orElseThrow();
        // 30 M invocations a month x 0.3 s x 0.25 GB = 2,250,000 GB-s x ($0.0000166667 - $0.0000133334)
        assertEquals(new BigDecimal("7.50"), arm.monthlySavingUsd());
        assertTrue(arm.rationale().contains("at 256 MB (the memory this plan proposes)"), arm.rationale());
        // at 3,008 MB "small" would save $8.81 on arm64; at the proposed 256 MB it is $0.75, under the $1 minimum
        assertTrue(Analysis.itemOf(plan, "small", RecommendationKind.ARCHITECTURE).isEmpty());
    }

    @Test
    void turnsChangesToAStackManagedFunctionIntoReportsThatWarnOfTheNextDeploy() {
        Plan plan = Analysis.plan(SnapshotBuilder.of(wasteful("cfn").tag("aws:cloudformation:stack-name", "orders").build()));
        Recommendation memory = Analysis.itemOf(plan, "cfn", RecommendationKind.MEMORY).orElseThrow();
        assertEquals(Action.REPORT_ONLY, memory.action());
        assertTrue(memory.warnings().getFirst().contains("the next deploy reverts"), memory.warnings().toString());
        assertTrue(plan.applicableItems().isEmpty());
    }

    @Test
    void appliesToAStackManagedFunctionWhenThePolicySaysSoButStillWarns() {
        AnalyzerPolicy policy = new AnalyzerPolicy(20, 7, 50, 3, 30, "", "env", "prod", "apply", 100, 1.5, false,
                BigDecimal.ONE, "", 20, 50, 10);
        Plan plan = Analysis.plan(SnapshotBuilder.of(wasteful("cfn").stack("orders").build()), policy);
        Recommendation memory = Analysis.itemOf(plan, "cfn", RecommendationKind.MEMORY).orElseThrow();
        assertEquals(Action.APPLY, memory.action());
        assertTrue(memory.warnings().getFirst().contains("orders"), memory.warnings().toString());
    }

    @Test
    void reportsABadOverrideTagInThePlanAndCarriesOn() {
        FunctionProfile f = wasteful("f").tag("fleetopt:min-memory", "huge").build();
        Plan plan = Analysis.plan(SnapshotBuilder.of(f), AnalyzerPolicy.defaults(), Learned.ioBound(f));
        assertEquals(List.of("f: tag fleetopt:min-memory=huge is ignored: it must be whole MB from 128 to 10240"), plan.warnings());
        assertEquals("256", Analysis.itemOf(plan, "f", RecommendationKind.MEMORY).orElseThrow().proposedValue());
    }

    @Test
    void guardsEveryChangedFunctionWithAlarmsAndShowsTheirCost() {
        Plan plan = Analysis.plan(SnapshotBuilder.of(wasteful("f").deadLetterQueue("arn:aws:sqs:us-east-1:1:dlq").build()));
        Recommendation alarms = Analysis.itemOf(plan, "f", RecommendationKind.ALARMS).orElseThrow();
        // the alarms WireAlarms wires for the applied kinds, the function's p99 and its SQS dead-letter queue
        assertEquals("Errors, Duration near timeout, Duration p99 over its baseline, Dead-letter queue depth", alarms.proposedValue());
        assertEquals(new BigDecimal("-0.40"), alarms.monthlySavingUsd());
    }

    @Test
    void doesNotAddAlarmsWhereNothingChanges() {
        Plan plan = Analysis.plan(SnapshotBuilder.of(function("fine").memoryMb(256).maxMemoryUsedMb(200).timeoutSeconds(3)
                .arm64().build()));
        assertEquals(List.of(), plan.items());
    }

    @Test
    void pricesAFunctionInItsOwnRegionAndWarnsWhenTheRegionHasNoTable() {
        Plan plan = Analysis.plan(SnapshotBuilder.of(wasteful("far").region("ap-southeast-4").build()));
        assertTrue(plan.warnings().contains("no price table for ap-southeast-4: priced as us-east-1; set "
                + "fleetopt.analyzer.price-overrides to correct it"), plan.warnings().toString());
    }

    @Test
    void usesConfiguredPrices() {
        FleetSnapshot snapshot = SnapshotBuilder.of(wasteful("f").build());
        AnalyzerPolicy doubled = new AnalyzerPolicy(20, 7, 50, 3, 30, "", "env", "prod", "report-only", 100, 1.5, false,
                BigDecimal.ONE, "us-east-1:x86-gb-second=0.0000333334", 20, 50, 10);
        BigDecimal standard = Analysis.itemOf(Analysis.plan(snapshot), "f", RecommendationKind.MEMORY).orElseThrow().monthlySavingUsd();
        BigDecimal configured = Analysis.itemOf(Analysis.plan(snapshot, doubled), "f", RecommendationKind.MEMORY).orElseThrow()
                .monthlySavingUsd();
        assertEquals(standard.multiply(BigDecimal.TWO).doubleValue(), configured.doubleValue(), 0.02);
    }
}
