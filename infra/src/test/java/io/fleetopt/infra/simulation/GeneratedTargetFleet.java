package io.fleetopt.infra.simulation;

import io.fleetopt.collector.TargetFleetSources;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.model.DailyMetrics;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.port.CollectRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * The simulated AWS behind the collector's port: each (account, region) answers with a generated, seeded fleet of
 * its size, every function with 7 days of daily metrics (varied memory, use, traffic, tags, concurrency), as the
 * collector would have read them. No network, no per-call latency: what collecting really costs in time and calls
 * is the collector benchmark's to measure.
 */
final class GeneratedTargetFleet implements TargetFleetSources {

    private static final List<String> RUNTIMES = List.of("nodejs24.x", "nodejs22.x", "python3.13", "python3.9", "java21", "dotnet8", "provided.al2023");
    /** Cheap metrics: the 7 daily points the analyzer needs at least to cut anything (the real collector reads 14). */
    private static final int DAYS = 7;

    private final ToIntFunction<CollectTarget> sizeOf;

    GeneratedTargetFleet(ToIntFunction<CollectTarget> sizeOf) {
        this.sizeOf = sizeOf;
    }

    @Override
    public TargetFleetSource open(CollectTarget target, String runId) {
        return new TargetFleetSource() {
            @Override
            public FleetSnapshot collect(CollectRequest request) {
                int size = sizeOf.applyAsInt(target);
                SplittableRandom random = new SplittableRandom((target.accountId() + target.region()).hashCode());
                List<FunctionProfile> functions = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    functions.add(function(target, i, random));
                }
                return new FleetSnapshot(FleetSnapshot.SCHEMA_VERSION, request.runId(), target.accountId(), request.regions(),
                        DAYS, Instant.parse("2026-11-02T06:00:00Z"), request.scope(), new AccountConcurrency(20_000, 15_000),
                        functions, List.of(), null);
            }

            @Override
            public void close() {
            }
        };
    }

    private static FunctionProfile function(CollectTarget target, int index, SplittableRandom random) {
        String name = "fn-" + index;
        int memoryMb = 128 + 64 * random.nextInt(100);
        int maxUsedMb = Math.max(40, (int) (memoryMb * random.nextDouble(0.05, 1.0)));
        long dailyInvocations = (long) Math.pow(10, random.nextDouble(1, 6));
        double averageMs = random.nextDouble(5, 5_000);
        double maxMs = averageMs * random.nextDouble(1.2, 4);
        int timeoutSeconds = Math.min(900, Math.max(1, (int) Math.ceil(maxMs / 1000 * random.nextDouble(0.8, 40))));
        Map<String, String> tags = new HashMap<>();
        tags.put("env", random.nextBoolean() ? "prod" : "dev");
        if (random.nextInt(20) == 0) {
            tags.put("fleetopt:skip", "true");
        }
        if (random.nextInt(10) == 0) {
            tags.put("aws:cloudformation:stack-name", "stack-" + index % 50);
        }
        boolean memoryKnown = random.nextInt(10) > 0;
        Integer reserved = random.nextInt(10) == 0 ? 1 + random.nextInt(50) : null;
        Integer provisioned = random.nextInt(50) == 0 ? 1 + random.nextInt(20) : null;
        List<DailyMetrics> daily = new ArrayList<>(DAYS);
        long invocations = 0;
        long errors = 0;
        for (int day = 0; day < DAYS; day++) {
            long dayInvocations = Math.max(0, (long) (dailyInvocations * random.nextDouble(0.7, 1.3)));
            long dayErrors = (long) (dayInvocations * (random.nextInt(30) == 0 ? 0.2 : 0.001));
            invocations += dayInvocations;
            errors += dayErrors;
            daily.add(new DailyMetrics(LocalDate.of(2026, 10, 19).plusDays(day), dayInvocations, dayErrors, 0, averageMs, maxMs));
        }
        long throttles = reserved != null && random.nextInt(3) == 0 ? invocations / 50 : 0;
        FunctionConfig config = new FunctionConfig(RUNTIMES.get(random.nextInt(RUNTIMES.size())),
                random.nextInt(4) == 0 ? "arm64" : "x86_64", memoryMb, timeoutSeconds, reserved, provisioned,
                random.nextInt(5) == 0 ? "Active" : "PassThrough", null, null, "/aws/lambda/" + name,
                random.nextBoolean() ? null : 30, random.nextLong(1_000_000, 50_000_000_000L), tags, null, "rev-" + index,
                "2026-01-01T00:00:00.000+0000", List.of());
        FunctionMetrics metrics = new FunctionMetrics(DAYS, invocations, errors, throttles, averageMs, averageMs * 0.9,
                maxMs * 0.8, maxMs, 1 + random.nextInt(100), random.nextInt(4) == 0 ? invocations : 0L,
                provisioned == null ? null : random.nextDouble(), memoryKnown ? maxUsedMb : null,
                memoryKnown ? MemorySource.LOGS_INSIGHTS : MemorySource.NONE, random.nextInt(5) == 0 ? random.nextDouble(0.5, 1.0) : null,
                daily);
        return new FunctionProfile("arn:aws:lambda:" + target.region() + ":" + target.accountId() + ":function:" + name, name,
                target.region(), config, metrics, List.of());
    }
}
