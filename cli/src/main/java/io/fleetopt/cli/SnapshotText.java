package io.fleetopt.cli;

import io.fleetopt.core.model.CollectionCost;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.pricing.OptimizerPricing;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A snapshot in a few lines: what was found, how good the evidence is, and what collecting it cost. */
final class SnapshotText {

    private SnapshotText() {
    }

    static String text(FleetSnapshot snapshot, String account) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Snapshot %s of %s (account %s), %s, %d days back%n", snapshot.runId(), account,
                snapshot.accountId(), String.join(", ", snapshot.regions()), snapshot.lookbackDays()));
        int withSevenDays = 0;
        long invocations = 0;
        Map<MemorySource, Integer> memory = new EnumMap<>(MemorySource.class);
        for (FunctionProfile function : snapshot.functions()) {
            if (function.metrics().daysWithData() >= 7) {
                withSevenDays++;
            }
            invocations += function.metrics().invocations();
            memory.merge(function.metrics().memorySource(), 1, Integer::sum);
        }
        out.append(String.format(Locale.ROOT, "  %,d functions, %,d with 7+ days of data, %,d invocations seen%n",
                snapshot.functions().size(), withSevenDays, invocations));
        out.append("  memory evidence: ");
        StringBuilder sources = new StringBuilder();
        memory.forEach((source, count) -> sources.append(sources.isEmpty() ? "" : ", ").append(count).append(' ')
                .append(source.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        out.append(sources).append('\n');
        long unavailable = snapshot.functions().stream().filter(f -> f.metrics().isUnavailable()).count();
        long gaps = snapshot.functions().stream().filter(f -> f.metrics().memoryGap() != null).count();
        out.append(String.format(Locale.ROOT, "  evidence unavailable (metrics could not be read) for %,d; memory not read for %,d%n",
                unavailable, gaps));
        out.append(String.format(Locale.ROOT, "  account concurrency: limit %,d, unreserved %,d%n",
                snapshot.accountConcurrency().concurrentExecutionsLimit(),
                snapshot.accountConcurrency().unreservedConcurrentExecutions()));
        CollectionCost cost = snapshot.collectionCost();
        if (cost != null) {
            out.append(String.format(Locale.ROOT, "  cost of collecting: %,d API calls, %,d metric queries, %.2f GB scanned by Logs Insights%n",
                    cost.totalApiCalls(), cost.metricQueries(), cost.logsInsightsBytesScanned() / 1e9));
            new TreeMap<>(cost.apiCallsByOperation()).forEach((operation, calls) ->
                    out.append(String.format(Locale.ROOT, "    %-36s %,8d%n", operation, calls)));
            out.append("  ").append(PlanAccountingText.cost(OptimizerPricing.weeklyRun(cost, snapshot.functions().size(), 0)))
                    .append('\n');
        }
        for (String warning : snapshot.warnings()) {
            out.append("  warning: ").append(warning).append('\n');
        }
        return out.toString();
    }
}
