package io.fleetopt.collector.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated fleet with a named mix, e.g. a realistic long tail: many idle or rarely used functions, a share
 * with async traffic, a few with provisioned or reserved concurrency, some with Lambda Insights.
 *
 * @param idleShare          functions with no invocations in the window
 * @param thinShare          functions with a few days or few invocations only
 * @param asyncShare         functions invoked asynchronously (of the active ones)
 * @param provisionedShare   functions with provisioned concurrency
 * @param reservedShare      functions with reserved concurrency (set on busy functions, as teams do)
 * @param insightsShare      functions with the Lambda Insights layer
 * @param skipShare          functions tagged fleetopt:skip=true
 */
record FleetMix(double idleShare, double thinShare, double asyncShare, double provisionedShare, double reservedShare,
                double insightsShare, double skipShare) {

    /** Roughly what large accounts look like: a long tail of idle and rarely used functions. */
    static FleetMix realistic() {
        return new FleetMix(0.45, 0.20, 0.12, 0.01, 0.01, 0.05, 0.02);
    }

    FleetMix withReservedShare(double share) {
        return new FleetMix(idleShare, thinShare, asyncShare, provisionedShare, share, insightsShare, skipShare);
    }

    List<SimulatedFunction> generate(int count, long seed) {
        Random random = new Random(seed);
        List<SimulatedFunction> fleet = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = String.format("svc-%05d", i);
            int memory = List.of(128, 256, 512, 1024, 2048).get(random.nextInt(5));
            int used = Math.max(40, (int) (memory * (0.2 + 0.6 * random.nextDouble())));
            double kind = random.nextDouble();
            long perDay = kind < idleShare ? 0 : kind < idleShare + thinShare ? 1 + random.nextInt(5) : 100 + random.nextInt(50_000);
            SimulatedFunction function = SimulatedFunction.busy(name, memory, used, perDay)
                    .withLogStoredBytes(perDay == 0 ? 0 : 1_000_000L + perDay * 2_000L);
            if (kind >= idleShare && kind < idleShare + thinShare) {
                function = function.withDaysOfData(1 + random.nextInt(6));
            }
            if (perDay > 0 && random.nextDouble() < asyncShare) {
                function = function.withAsync(1.0, random.nextBoolean() ? "arn:aws:sqs:us-east-1:123456789012:" + name + "-dlq" : null);
            }
            if (random.nextDouble() < provisionedShare) {
                function = function.withProvisioned(1 + random.nextInt(10));
            }
            if (perDay >= 100 && random.nextDouble() < reservedShare / (1 - idleShare - thinShare)) {
                function = function.withReserved(1 + random.nextInt(20));
            }
            if (random.nextDouble() < insightsShare) {
                function = function.withInsightsLayer();
            }
            Map<String, String> tags = random.nextDouble() < skipShare ? Map.of("team", "t" + i % 7, "fleetopt:skip", "true")
                    : random.nextDouble() < 0.5 ? Map.of("team", "t" + i % 7, "aws:cloudformation:stack-name", "stack-" + i % 40)
                    : Map.of();
            fleet.add(function.withTags(tags));
        }
        return fleet;
    }
}
