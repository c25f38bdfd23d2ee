package io.fleetopt.analyzer;

import io.fleetopt.analyzer.rules.MemoryRule;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated fleets whose every invocation's memory the generator knows. Each function's evidence comes from one
 * source: an exact one (Lambda Insights, Logs Insights, every REPORT line) reports the true maximum; a sample
 * reports the maximum of any subset of the lines, however unlucky (the oldest, the quietest hours). Whatever the
 * source and the sample, no memory cut in the plan goes below the true maximum plus the headroom.
 */
class TrueMemoryPropertyTest {

    /** One generated function: its configured memory, the memory each of its REPORT lines shows, how it was read. */
    record TrueFunction(String name, int memoryMb, int[] usedMb, MemorySource source, long sampleSeed, int sampleSize) {

        int trueMaxMb() {
            int max = 0;
            for (int used : usedMb) {
                max = Math.max(max, used);
            }
            return max;
        }

        /** What the source reports: the true maximum when exact, else the maximum of the sampled lines. */
        int reportedMaxMb() {
            if (source.exact()) {
                return trueMaxMb();
            }
            List<Integer> lines = new ArrayList<>();
            for (int used : usedMb) {
                lines.add(used);
            }
            java.util.Collections.shuffle(lines, new Random(sampleSeed));
            // an unlucky sample: the lowest lines are the likeliest to be read when the seed says so
            if (sampleSeed % 2 == 0) {
                lines.sort(Integer::compare);
            }
            return lines.subList(0, Math.min(lines.size(), Math.max(1, sampleSize))).stream().max(Integer::compare).orElseThrow();
        }

        FunctionProfile profile() {
            ProfileBuilder builder = function(name).memoryMb(memoryMb).maxMemoryUsedMb(reportedMaxMb())
                    .invocations(usedMb.length * 1_000L).days(14);
            return source == MemorySource.LOG_SAMPLE ? builder.memorySample(Math.max(1, sampleSize), 14).maxMemoryUsedMb(reportedMaxMb()).build()
                    : builder.memorySource(source).build();
        }
    }

    @Provide
    Arbitrary<List<TrueFunction>> fleets() {
        Arbitrary<TrueFunction> one = Combinators.combine(
                Arbitraries.integers().between(128, 10_240),
                Arbitraries.integers().between(1, 400),
                Arbitraries.doubles().between(0.01, 1.0),
                Arbitraries.of(MemorySource.LAMBDA_INSIGHTS, MemorySource.LOGS_INSIGHTS, MemorySource.LOG_SCAN, MemorySource.LOG_SAMPLE),
                Arbitraries.longs(),
                Arbitraries.integers().between(1, 20_000),
                Arbitraries.integers().between(0, 13)).as((memory, lines, peakShare, source, seed, sample, peakDay) -> {
                    Random random = new Random(seed);
                    int[] used = new int[lines];
                    int peak = Math.max(1, (int) (memory * peakShare));
                    for (int i = 0; i < lines; i++) {
                        used[i] = Math.max(1, (int) (peak * (0.3 + 0.5 * random.nextDouble())));
                    }
                    used[Math.min(lines - 1, lines * peakDay / 14)] = peak; // the peak on one day of 14
                    return new TrueFunction("f" + Math.abs(seed % 100_000), memory, used, source, seed, sample);
                });
        return one.list().ofMinSize(1).ofMaxSize(20).uniqueElements(TrueFunction::name);
    }

    @Property(tries = 300)
    void noMemoryCutGoesBelowTheTrueMaximumPlusHeadroomWhateverTheSourceAndSample(@ForAll("fleets") List<TrueFunction> fleet) {
        Plan plan = Analysis.plan(SnapshotBuilder.of(fleet.stream().map(TrueFunction::profile).toArray(FunctionProfile[]::new)));
        int headroom = AnalyzerPolicy.defaults().headroomPercent();
        for (Recommendation item : plan.items()) {
            if (item.kind() != RecommendationKind.MEMORY || item.action() != Action.APPLY) {
                continue;
            }
            TrueFunction truth = fleet.stream().filter(f -> f.name().equals(item.functionName())).findFirst().orElseThrow();
            int proposed = Integer.parseInt(item.proposedValue());
            if (proposed < truth.memoryMb()) {
                assertTrue(truth.source().exact(), "a sample cut memory: " + item.rationale());
                assertTrue(proposed >= MemoryRule.floorFor(truth.trueMaxMb(), headroom),
                        item.rationale() + " but the true maximum is " + truth.trueMaxMb() + " MB");
            }
        }
        assertEquals(fleet.size(), plan.verdicts().size(), "every function is accounted for");
    }
}
