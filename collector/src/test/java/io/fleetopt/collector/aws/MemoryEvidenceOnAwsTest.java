package io.fleetopt.collector.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory evidence and failed reads against the simulated account, in CloudWatch Logs' JSON 1.1 and CloudWatch's
 * Query protocol: Logs Insights denied, REPORT lines paged with nextToken, a peak on day 12 of 14, a call budget
 * that cannot reach every function, Lambda Insights found through ListMetrics, GetMetricData timing out.
 */
class MemoryEvidenceOnAwsTest {

    private WireMockServer aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.stop();
        }
    }

    private Map<String, FunctionProfile> collect(List<SimulatedFunction> fleet, CollectionLimits limits, Duration callTimeout,
                                                 boolean logsInsightsDenied) {
        aws = SimulatedAccountServer.start(fleet);
        if (logsInsightsDenied) {
            aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("Logs_20140328.StartQuery")).atPriority(1)
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform: logs:StartQuery\"}")));
        }
        snapshot = AwsFleetSource.create(AwsCollectorOptions.of(List.of(), null, aws.baseUrl(), null)
                        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                        .withLimits(limits.withQueryPollInitial(Duration.ofMillis(5)))
                        .withApiCallTimeout(callTimeout))
                .collect(new CollectRequest("run-evidence", List.of(SimulatedFunction.REGION), 14, Scope.everything()));
        return snapshot.functions().stream().collect(Collectors.toMap(FunctionProfile::name, Function.identity()));
    }

    private FleetSnapshot snapshot;

    @Test
    void pagesThroughEveryReportLineSoAPeakOnDayTwelveOfFourteenIsTheMaximum() {
        Map<String, FunctionProfile> byName = collect(List.of(
                SimulatedFunction.busy("peaks-late", 2048, 900, 1000).withPeakOnDay(12)),
                CollectionLimits.defaults(), Duration.ofSeconds(60), true);

        FunctionProfile late = byName.get("peaks-late");
        assertEquals(MemorySource.LOG_SCAN, late.metrics().memorySource());
        assertEquals(900, late.metrics().maxMemoryUsedMb(), "the one line of day 12 that used 900 MB was read");
        assertEquals(14_000, late.metrics().memorySample().reportLines());
        assertEquals(3, snapshot.collectionCost().calls("FilterLogEvents"), "three pages, nextToken to the end");
    }

    @Test
    void readsASampleSpreadOverEveryDayWhenTheLinesAreMoreThanItsPagesAndSaysItIsALowerBound() {
        Map<String, FunctionProfile> byName = collect(List.of(
                SimulatedFunction.busy("very-busy", 2048, 900, 3000).withPeakOnDay(12)),
                CollectionLimits.defaults(), Duration.ofSeconds(60), true);

        FunctionProfile busy = byName.get("very-busy");
        assertEquals(MemorySource.LOG_SAMPLE, busy.metrics().memorySource());
        assertEquals(14, busy.metrics().memorySample().daysCovered(), "the sample reaches the last day, not only the oldest");
        // 5 scanned pages, then a slice of up to 1,000 lines a day; the 4 slices that start after 16:00 hold fewer
        assertEquals(5 * 5_000 + 10 * 1_000 + 375 + 750 + 250 + 625, busy.metrics().memorySample().reportLines());
        assertTrue(busy.metrics().maxMemoryUsedMb() <= 900);
        assertEquals(5 + 14, snapshot.collectionCost().calls("FilterLogEvents"));
        assertTrue(busy.warnings().stream().anyMatch(w -> w.contains("a lower bound")), busy.warnings().toString());
    }

    @Test
    void namesEveryFunctionItsCallBudgetCouldNotReachAndWhy() {
        List<SimulatedFunction> fleet = SimulatedAccountServer.busyFleet(400);
        Map<String, FunctionProfile> byName = collect(fleet,
                CollectionLimits.defaults().withFilterLogEventsBudget(500, 5), Duration.ofSeconds(60), true);

        assertEquals(400, byName.size());
        long read = byName.values().stream().filter(p -> p.metrics().memorySource() != MemorySource.NONE).count();
        // two pages each: 500 calls read 250 functions, less the few whose second page another thread's call took
        assertTrue(read >= 240 && read <= 250, read + " functions read");
        for (FunctionProfile function : byName.values()) {
            if (function.metrics().memorySource() == MemorySource.NONE) {
                assertNotNull(function.metrics().memoryGap(), function.name() + " is left without a reason");
                assertTrue(function.metrics().memoryGap().contains("FilterLogEvents budget of 500 calls"), function.metrics().memoryGap());
            }
        }
        assertEquals(500, snapshot.collectionCost().calls("FilterLogEvents"));
    }

    @Test
    void learnsWhichFunctionsPublishLambdaInsightsFromListMetricsNotFromTheirLayers() {
        Map<String, FunctionProfile> byName = collect(List.of(
                        SimulatedFunction.busy("image-with-insights", 1024, 400, 500).withInsightsInImage(),
                        SimulatedFunction.busy("plain", 1024, 300, 500)),
                CollectionLimits.defaults(), Duration.ofSeconds(60), false);

        assertEquals(MemorySource.LAMBDA_INSIGHTS, byName.get("image-with-insights").metrics().memorySource());
        assertEquals(400, byName.get("image-with-insights").metrics().maxMemoryUsedMb());
        assertEquals(MemorySource.LOGS_INSIGHTS, byName.get("plain").metrics().memorySource());
        // Lambda Insights, async events, provisioned utilization, and Invocations by Resource (the aliases)
        assertEquals(1 + 1 + 1 + 1, snapshot.collectionCost().calls("ListMetrics"));
        assertEquals(2 + 2 * 4 + 2, snapshot.collectionCost().metricQueries(),
                "invocations, 4 series each, Lambda Insights memory and CPU of the one that publishes them");
    }

    @Test
    void leavesFunctionsWhoseMetricsTimedOutAsEvidenceUnavailableWithTheCauseNeverZeros() {
        List<SimulatedFunction> fleet = new ArrayList<>(SimulatedAccountServer.busyFleet(520));
        aws = null;
        Map<String, FunctionProfile> byName;
        WireMockServer server = SimulatedAccountServer.start(fleet);
        try {
            // the second batch of the Invocations pass (functions 500..519) never answers within the call timeout
            server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData"))
                    .withRequestBody(containing("Value=svc-00510&")).atPriority(1)
                    .willReturn(aResponse().withFixedDelay(20_000).withStatus(200)));
            snapshot = AwsFleetSource.create(AwsCollectorOptions.of(List.of(), null, server.baseUrl(), null)
                            .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                            .withLimits(CollectionLimits.defaults().withQueryPollInitial(Duration.ofMillis(5)))
                            .withApiCallTimeout(Duration.ofSeconds(10)))
                    .collect(new CollectRequest("run-timeout", List.of(SimulatedFunction.REGION), 14, Scope.everything()));
            byName = snapshot.functions().stream().collect(Collectors.toMap(FunctionProfile::name, Function.identity()));
        } finally {
            server.stop();
        }

        FunctionProfile timedOut = byName.get("svc-00510");
        assertEquals("GetMetricData failed (ApiCallTimeoutException)", timedOut.metrics().evidenceUnavailable());
        assertEquals(0, timedOut.metrics().daily().size());
        assertNull(timedOut.metrics().durationAvgMs());
        long unavailable = byName.values().stream().filter(p -> p.metrics().isUnavailable()).count();
        assertEquals(20, unavailable, "only the batch that timed out: " + byName.values().stream()
                .map(p -> String.valueOf(p.metrics().evidenceUnavailable())).distinct().toList());
        FunctionProfile read = byName.get("svc-00010");
        assertNull(read.metrics().evidenceUnavailable());
        assertEquals(14, read.metrics().daysWithData());
        assertTrue(snapshot.warnings().stream().anyMatch(w -> w.startsWith("GetMetricData ApiCallTimeoutException")),
                snapshot.warnings().toString());
        assertTrue(snapshot.warnings().contains("evidence unavailable for 20 of 520 functions in scope: their metrics could not be"
                + " read (GetMetricData failed (ApiCallTimeoutException)); nothing is reduced on them"), snapshot.warnings().toString());
    }
}
