package io.fleetopt.collector.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.OptimizerCost;
import io.fleetopt.core.pricing.OptimizerPricing;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Collects a simulated account of N functions (10,000 by default, {@code -Dbench.functions=…}) with a realistic mix
 * behind a local WireMock, and prints the calls per operation against their minimum, the calls per function and the
 * wall time. Not part of the normal test run: {@code ./mvnw -B -o -pl collector -am test -Pbench}.
 */
@Tag("benchmark")
class AwsFleetSourceBenchmark {

    /** A tool that reads each function's metrics one by one: 9 metric calls, plus its tags and its concurrency. */
    private static final int ONE_BY_ONE_CALLS_PER_FUNCTION = 9 + 2;

    @Test
    void collectsTenThousandFunctionsInCallsThatGrowWithPagesNotFunctions() {
        run("realistic mix, 1 % of functions with reserved concurrency, account limit 10,000", FleetMix.realistic(), 10_000);
    }

    @Test
    void asksEveryCandidateForItsReservationWhenTheAccountsConcurrencyIsTight() {
        run("realistic mix, 1 % with reserved concurrency, only the 100 unreserved Lambda requires left", FleetMix.realistic(), 1);
    }

    @Test
    void asksNoFunctionForItsReservedConcurrencyWhenTheAccountHasNone() {
        run("realistic mix, no reserved concurrency in the account", FleetMix.realistic().withReservedShare(0), 0);
    }

    @Test
    void readsReportLinesWithinItsCallBudgetWhereLogsInsightsIsNotAllowed() {
        run("realistic mix, Logs Insights not allowed (StartQuery denied)", FleetMix.realistic(), 0, true);
    }

    private static void run(String title, FleetMix mix, int accountLimit) {
        run(title, mix, accountLimit, false);
    }

    private static void run(String title, FleetMix mix, int accountLimit, boolean logsInsightsDenied) {
        int n = Integer.getInteger("bench.functions", 10_000);
        List<SimulatedFunction> fleet = mix.generate(n, 42);
        WireMockServer aws = SimulatedAccountServer.start(fleet, 1, true, accountLimit);
        if (logsInsightsDenied) {
            aws.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
                    .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Logs_20140328.StartQuery"))
                    .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                            .withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform: logs:StartQuery\"}")));
        }
        try {
            AwsCollectorOptions options = AwsCollectorOptions.of(List.of(), null, aws.baseUrl(), null)
                    .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                    .withLimits(CollectionLimits.defaults().withQueryPollInitial(Duration.ofMillis(20)).withParallelism(8));
            long started = System.nanoTime();
            FleetSnapshot snapshot = AwsFleetSource.create(options).collect(new CollectRequest("bench", List.of("us-east-1"), 14,
                    Scope.everything()));
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            report(title, fleet, snapshot, wall);
        } finally {
            aws.stop();
        }
    }

    private static void report(String title, List<SimulatedFunction> fleet, FleetSnapshot snapshot, Duration wall) {
        int n = fleet.size();
        Map<String, Long> calls = new TreeMap<>(snapshot.collectionCost().apiCallsByOperation());
        long queries = snapshot.collectionCost().metricQueries();
        long tagged = fleet.stream().filter(f -> !f.tags().isEmpty()).count();
        long groups = fleet.stream().filter(f -> f.logStoredBytes() > 0).count();
        Map<String, String> minimum = new TreeMap<>(Map.of(
                "ListFunctions", ceil(n, 50) + " = ceil(N / 50)",
                "GetResources", ceil(tagged, 100) + " = ceil(tagged / 100); ceil(N / 100) = " + ceil(n, 100),
                "GetMetricData", ceil(queries, 500) + " = ceil(" + queries + " queries / 500), in three passes",
                "GetAccountSettings", "1",
                "DescribeLogGroups", ceil(groups, 50) + " = ceil(log groups / 50)"));
        long queried = snapshot.functions().stream().filter(p -> p.metrics().memorySource() == MemorySource.LOGS_INSIGHTS).count();
        minimum.put("StartQuery", ceil(queried, 50) + " = ceil(log groups queried / 50)");
        minimum.put("GetQueryResults", ceil(queried, 50) + " = one poll per query; more while Running");
        StringBuilder out = new StringBuilder("\n=== collector benchmark: N = " + n + " functions, " + title + " ===\n");
        out.append(String.format("%-36s %8s   %s%n", "operation", "calls", "minimum (bulk) / per-function"));
        calls.forEach((op, count) -> out.append(String.format("%-36s %8d   %s%n", op, count, minimum.getOrDefault(op, String.format("per-function, where the metrics call for it: %.3f / function", (double) count / n)))));
        long total = snapshot.collectionCost().totalApiCalls();
        Map<MemorySource, Long> memory = snapshot.functions().stream().collect(
                Collectors.groupingBy(p -> p.metrics().memorySource(), TreeMap::new, Collectors.counting()));
        out.append(String.format("%-36s %8d%n", "total", total));
        long bulk = minimum.keySet().stream().mapToLong(op -> calls.getOrDefault(op, 0L)).sum();
        double perFunction = (double) total / n;
        out.append(String.format("calls per function: %.3f (bulk %.3f + per-function %.3f); target <= 0.5: %s; one-by-one reader: >= %d%n",
                perFunction, (double) bulk / n, (double) (total - bulk) / n, perFunction <= 0.5 ? "met" : "MISSED",
                ONE_BY_ONE_CALLS_PER_FUNCTION));
        out.append(String.format("metric queries: %d; Logs Insights scanned: %.2f GB%n", queries,
                snapshot.collectionCost().logsInsightsBytesScanned() / 1e9));
        out.append(String.format("metrics requested per function: %.3f%n", (double) queries / n));
        out.append("memory sources: ").append(memory).append('\n');
        long gaps = snapshot.functions().stream().filter(p -> p.metrics().memoryGap() != null).count();
        long unreached = snapshot.functions().stream().filter(p -> p.metrics().memoryGap() != null
                && p.metrics().memoryGap().contains("budget")).count();
        out.append(String.format("memory not read, with the reason named: %d (of them over the FilterLogEvents budget: %d)%n", gaps, unreached));
        OptimizerCost cost = OptimizerPricing.weeklyRun(snapshot.collectionCost(), n, 0);
        out.append(String.format("optimizer's own cost of the weekly run: %s = %s per 1,000 functions (target <= $0.05: %s)%n",
                OptimizerPricing.usd(cost.totalUsd()), OptimizerPricing.usd(cost.per1000FunctionsUsd()),
                cost.per1000FunctionsUsd().compareTo(new java.math.BigDecimal("0.05")) <= 0 ? "met" : "MISSED"));
        cost.byItemUsd().forEach((item, usd) -> out.append(String.format("    %-34s %s%n", item, OptimizerPricing.usd(usd))));
        out.append("    (").append(String.join("; ", cost.assumptions())).append(")\n");
        out.append("wall time: ").append(wall.toMillis()).append(" ms\n");
        System.out.println(out);

        Map<String, FunctionProfile> byName = snapshot.functions().stream().collect(Collectors.toMap(FunctionProfile::name, Function.identity()));
        assertEquals(n, byName.size());
        assertEquals(ceil(n, 50), calls.get("ListFunctions"));
        assertEquals(ceil(tagged, 100), calls.get("GetResources"));
        assertTrue(calls.get("GetMetricData") <= ceil(queries, 500) + 2, "at most one part-filled batch per pass of three");
        assertTrue((double) total / n < 1.0, "calls per function " + (double) total / n);
    }

    private static long ceil(long count, long perCall) {
        return (count + perCall - 1) / perCall;
    }
}
