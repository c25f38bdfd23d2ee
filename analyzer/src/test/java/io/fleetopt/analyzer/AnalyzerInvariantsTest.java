package io.fleetopt.analyzer;

import io.fleetopt.analyzer.rules.MemoryRule;
import io.fleetopt.analyzer.rules.TimeoutRule;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import io.fleetopt.analyzer.rules.Rule;
import io.fleetopt.analyzer.rules.RuleSet;
import java.util.Random;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The safe defaults of DESIGN.md, checked over random profiles rather than chosen examples. */
class AnalyzerInvariantsTest {

    /** What varies between random functions; the rest is the builder's sound default. */
    record Shape(int memoryMb, Integer maxUsedMb, MemorySource source, Double cpuRatio, int timeoutSeconds, double maxDurationMs,
                 int days, long invocations, Integer reserved, int peak, long throttles, int headroomTag, String skipTag,
                 boolean own) {

        FunctionProfile profile(String name) {
            ProfileBuilder b = function(name).memoryMb(memoryMb).timeoutSeconds(timeoutSeconds).days(days).invocations(invocations)
                    .durationAvgMs(Math.max(1, maxDurationMs / 3)).durationMaxMs(maxDurationMs).reservedConcurrency(reserved)
                    .peakConcurrency(peak).throttles(throttles).logsNeverExpire().tag("env", "prod");
            if (maxUsedMb == null) {
                b.noMemorySource();
            } else {
                b.maxMemoryUsedMb(maxUsedMb).memorySource(source);
            }
            if (cpuRatio != null) {
                b.cpuTimeRatio(cpuRatio).memorySource(maxUsedMb == null ? MemorySource.NONE : source);
            }
            if (headroomTag >= 0) {
                b.tag("fleetopt:headroom", Integer.toString(headroomTag));
            }
            if (skipTag != null) {
                b.tag("fleetopt:skip", skipTag);
            }
            if (own) {
                b.tag("fleetopt:component", "analyzer");
            }
            return b.build();
        }

        int headroom() {
            return headroomTag >= 0 ? headroomTag : AnalyzerPolicy.defaults().headroomPercent();
        }
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<Integer> memory = Arbitraries.integers().between(128, 10_240);
        Arbitrary<Integer> maxUsed = Arbitraries.integers().between(1, 10_240).injectNull(0.15);
        Arbitrary<MemorySource> source = Arbitraries.of(MemorySource.LAMBDA_INSIGHTS, MemorySource.LOGS_INSIGHTS, MemorySource.LOG_SAMPLE);
        Arbitrary<Double> cpu = Arbitraries.doubles().between(0, 3).injectNull(0.5);
        Arbitrary<Integer> timeout = Arbitraries.integers().between(1, 900);
        Arbitrary<Double> maxDuration = Arbitraries.doubles().between(1, 900_000);
        Arbitrary<Integer> days = Arbitraries.integers().between(0, 30);
        Arbitrary<Long> invocations = Arbitraries.longs().between(0, 50_000_000).edgeCases(c -> c.add(49L).add(50L));
        Arbitrary<Integer> reserved = Arbitraries.integers().between(0, 500).injectNull(0.5);
        Arbitrary<Integer> peak = Arbitraries.integers().between(0, 500);
        Arbitrary<Long> throttles = Arbitraries.longs().between(0, 100_000).injectNull(0.0).map(t -> t);
        Arbitrary<Integer> headroom = Arbitraries.integers().between(-1, 100);
        Arbitrary<String> skip = Arbitraries.of("true", "TRUE", "false", "yes", "").injectNull(0.7);
        Arbitrary<Boolean> own = Arbitraries.of(true, false, false, false, false);
        return Combinators.combine(memory, maxUsed, source, cpu, timeout, maxDuration, days, invocations)
                .as((m, u, s, c, t, d, dd, i) -> new Object[]{m, u, s, c, t, d, dd, i})
                .flatMap(a -> Combinators.combine(reserved, peak, throttles, headroom, skip, own)
                        .as((r, p, th, h, sk, o) -> new Shape((Integer) a[0], (Integer) a[1], (MemorySource) a[2], (Double) a[3],
                                (Integer) a[4], (Double) a[5], (Integer) a[6], (Long) a[7], r, p, th, h, sk, o)));
    }

    private static Plan planOf(List<Shape> shapes, int unreserved) {
        List<FunctionProfile> profiles = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            profiles.add(shapes.get(i).profile("f" + i));
        }
        return Analysis.plan(SnapshotBuilder.snapshot().with(profiles).unreservedConcurrency(unreserved).build());
    }

    private static Recommendation onlyItem(Plan plan, RecommendationKind kind) {
        return Analysis.itemOf(plan, "f0", kind).orElse(null);
    }

    @Property
    void neverProposesMemoryBelowMaxUsedPlusHeadroomNorOutsideLambdasLimits(@ForAll("shapes") Shape shape) {
        Recommendation memory = onlyItem(planOf(List.of(shape), 900), RecommendationKind.MEMORY);
        Statistics.label("memory").collect(memory == null ? "none" : Integer.parseInt(memory.proposedValue()) < shape.memoryMb() ? "cut" : "raise");
        Statistics.label("memory").coverage(c -> {
            c.check("cut").percentage(p -> p > 2); // (a cut saving less than a cent is no item)
            c.check("raise").percentage(p -> p > 1);
        });
        if (memory == null) {
            return;
        }
        int proposed = Integer.parseInt(memory.proposedValue());
        assertTrue(proposed >= MemoryRule.MIN_MEMORY_MB && proposed <= MemoryRule.MAX_MEMORY_MB, memory.toString());
        assertTrue(shape.maxUsedMb() != null, "a memory item needs a memory source: " + memory);
        if (proposed < shape.memoryMb()) {
            assertTrue(proposed >= Math.ceil(shape.maxUsedMb() * (1 + shape.headroom() / 100.0)), memory.rationale());
        }
    }

    @Property
    void neverProposesATimeoutBelowOneAndAHalfTimesTheLongestInvocation(@ForAll("shapes") Shape shape) {
        Recommendation timeout = onlyItem(planOf(List.of(shape), 900), RecommendationKind.TIMEOUT);
        Statistics.label("timeout").collect(timeout != null);
        Statistics.label("timeout").coverage(c -> c.check(true).percentage(p -> p > 5));
        if (timeout == null) {
            return;
        }
        int proposed = Integer.parseInt(timeout.proposedValue());
        assertTrue(proposed >= TimeoutRule.MIN_TIMEOUT_SECONDS && proposed <= TimeoutRule.MAX_TIMEOUT_SECONDS, timeout.toString());
        assertTrue(proposed * 1000.0 >= Math.min(900_000, shape.maxDurationMs() * 1.5), timeout.rationale());
    }

    @Property
    void leavesTimeForTheSlowestInvocationEvenAfterTheProposedMemoryCut(@ForAll("shapes") Shape shape) {
        Plan plan = planOf(List.of(shape), 900);
        Recommendation timeout = onlyItem(plan, RecommendationKind.TIMEOUT);
        Recommendation memory = onlyItem(plan, RecommendationKind.MEMORY);
        if (timeout == null || memory == null || Integer.parseInt(timeout.proposedValue()) >= shape.timeoutSeconds()) {
            return;
        }
        double slowdown = MemoryRule.worstSlowdown(shape.cpuRatio(), shape.memoryMb(), Integer.parseInt(memory.proposedValue()));
        assertTrue(Integer.parseInt(timeout.proposedValue()) * 1000.0 >= Math.min(900_000, shape.maxDurationMs() * slowdown * 1.5),
                timeout.rationale() + " / " + memory.rationale());
    }

    @Property
    void reducesNothingOnThinEvidence(@ForAll("shapes") Shape shape) {
        if (shape.days() >= 7 && shape.invocations() >= 50) {
            return;
        }
        Plan plan = planOf(List.of(shape), 900);
        // only the rules that read the configuration speak (a log group that never expires, a runtime, arm64, DLQ)
        Set<RecommendationKind> configOnly = RuleSet.standard().stream().filter(r -> !r.needsMetricEvidence())
                .map(Rule::kind).collect(Collectors.toSet());
        assertTrue(plan.items().stream().allMatch(i -> configOnly.contains(i.kind())), plan.items().toString());
        assertEquals(1, plan.skipped().size());
    }

    @Property
    void neverTouchesASkippedOrOwnFunction(@ForAll("shapes") Shape shape) {
        boolean skip = shape.own() || (shape.skipTag() != null && !"false".equalsIgnoreCase(shape.skipTag()));
        if (!skip) {
            return;
        }
        Plan plan = planOf(List.of(shape), 900);
        assertEquals(List.of(), plan.items());
    }

    @Property(tries = 200)
    void keepsTheAccountsUnreservedConcurrencyAtOrAboveOneHundred(@ForAll @Size(min = 1, max = 12) List<@From("shapes") Shape> shapes,
                                                                  @ForAll @IntRange(min = 100, max = 400) int unreserved) {
        Plan plan = planOf(shapes, unreserved);
        Statistics.label("raises").collect(plan.items().stream().anyMatch(i -> i.kind() == RecommendationKind.RESERVED_CONCURRENCY
                && Integer.parseInt(i.proposedValue()) > Integer.parseInt(i.currentValue())));
        Statistics.label("raises").coverage(c -> c.check(true).percentage(p -> p > 5));
        int raised = plan.items().stream().filter(i -> i.kind() == RecommendationKind.RESERVED_CONCURRENCY)
                .mapToInt(i -> Math.max(0, Integer.parseInt(i.proposedValue()) - Integer.parseInt(i.currentValue()))).sum();
        assertTrue(unreserved - raised >= 100, "raised " + raised + " of " + unreserved);
    }

    @Property(tries = 100)
    void givesTheSamePlanForTheSameSnapshot(@ForAll @Size(min = 1, max = 10) List<@From("shapes") Shape> shapes, @ForAll long seed) {
        List<FunctionProfile> profiles = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            profiles.add(shapes.get(i).profile("f" + i));
        }
        FleetSnapshot snapshot = SnapshotBuilder.snapshot().with(profiles).build();
        List<FunctionProfile> shuffled = new ArrayList<>(profiles);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(Analysis.plan(snapshot), Analysis.plan(SnapshotBuilder.snapshot().with(shuffled).build()));
    }
}
