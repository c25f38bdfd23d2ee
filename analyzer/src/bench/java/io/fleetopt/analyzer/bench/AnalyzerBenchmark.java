package io.fleetopt.analyzer.bench;

import io.fleetopt.analyzer.Analyzer;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.rules.RuleSet;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.pricing.Pricing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * How long the analyzer takes over a generated 10,000-function snapshot (target: under one second): warmed up, and
 * as the weekly Lambda runs it, the first analysis in a fresh JVM.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AnalyzerBenchmark {

    private FleetSnapshot snapshot;
    private Analyzer analyzer;

    @Setup(Level.Trial)
    public void generate() {
        snapshot = GeneratedFleet.of(10_000, 20261102L);
        analyzer = new Analyzer(AnalyzerPolicy.defaults(), Pricing.standard(), RuleSet.standard(),
                Clock.fixed(Instant.parse("2026-11-02T06:00:00Z"), ZoneOffset.UTC));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(1)
    public Plan analyzeTenThousandFunctions() {
        return analyzer.analyze(snapshot);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(3)
    public Plan firstAnalysisOfTenThousandFunctions() {
        return analyzer.analyze(snapshot);
    }
}
