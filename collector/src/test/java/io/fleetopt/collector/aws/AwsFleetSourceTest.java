package io.fleetopt.collector.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS fleet source against a simulated account of 600 functions behind WireMock, in each service's wire
 * protocol, with throttling, an AccessDenied sub-call, a malformed answer and a Logs Insights query that runs
 * before it completes. Asserts the calls made as well as the snapshot.
 */
class AwsFleetSourceTest {

    private static final int FLEET_SIZE = 600;
    private static WireMockServer aws;
    private static List<SimulatedFunction> fleet;
    private static FleetSnapshot snapshot;
    private static Map<String, FunctionProfile> byName;
    private static final List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void collectTheSimulatedAccount() {
        fleet = fleet();
        // a tight account: 118 unreserved of 150, so every candidate's reservation matters
        aws = SimulatedAccountServer.start(fleet, 1, false, 150);
        aws.stubFor(getMetricData().withRequestBody(containing("Id=f0_inv&")).atPriority(1).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(
                        "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
                                + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                                + "<RequestId>r-1</RequestId></ErrorResponse>"))
                .willSetStateTo("recovered"));
        aws.stubFor(get(urlPathEqualTo("/2019-09-30/functions/svc-00009/concurrency")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                        .withBody("{\"Type\":\"User\",\"Message\":\"User is not authorized to perform: lambda:GetFunctionConcurrency\"}")));
        aws.stubFor(get(urlPathEqualTo("/2019-09-25/functions/svc-00011/event-invoke-config")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"FunctionArn\": \"arn:aws:lambda:us-east-1:123456789012:function:svc-00011\", \"Destin")));

        CollectionProgress recorder = new CollectionProgress() {
            @Override
            public void discovered(String region, int functions, int inScope) {
                progress.add("discovered " + functions + " " + inScope);
            }

            @Override
            public void collected(String region, int collected, int inScope) {
                progress.add("collected " + collected + " " + inScope);
            }
        };
        AwsCollectorOptions options = AwsCollectorOptions.of(List.of(), null, aws.baseUrl(), recorder)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .withLimits(CollectionLimits.defaults().withQueryPollInitial(Duration.ofMillis(5)).withLogsInsightsBudgetGb(10.0));
        snapshot = AwsFleetSource.create(options).collect(new CollectRequest("run-1", List.of(SimulatedFunction.REGION), 14,
                new Scope(List.of(), List.of("svc-*"))));
        byName = snapshot.functions().stream().collect(Collectors.toMap(FunctionProfile::name, Function.identity()));
    }

    @AfterAll
    static void stop() {
        aws.stop();
    }

    /** 600 busy functions, a few of them with the traits the collector must notice. */
    private static List<SimulatedFunction> fleet() {
        List<SimulatedFunction> functions = new ArrayList<>();
        for (int i = 0; i < FLEET_SIZE; i++) {
            String name = String.format("svc-%05d", i);
            SimulatedFunction f = SimulatedFunction.busy(name, 1024, 300 + i % 200, 1000);
            f = switch (i) {
                case 1 -> f.withAsync(0.5, "arn:aws:sqs:us-east-1:123456789012:svc-00001-dlq");
                case 2 -> f.withAsync(1.0, null);
                case 3 -> f.withProvisioned(5);
                case 4 -> f.withReserved(25);
                case 5 -> f.withInsightsLayer();
                case 6 -> f.withTags(Map.of("fleetopt:skip", "true"));
                case 7 -> f.withTags(Map.of("fleetopt:component", "collector"));
                case 8 -> SimulatedFunction.busy(name, 512, 100, 0);
                case 10 -> f.withReserved(7).withDaysOfData(3);
                case 11 -> f.withAsync(1.0, "arn:aws:sqs:us-east-1:123456789012:unused");
                case 12, 13 -> f.withCustomLogGroup("/shared/app");
                case 14 -> f.withLogStoredBytes(20_000_000_000L);
                default -> f;
            };
            if (i % 3 == 0 && f.tags().isEmpty()) {
                f = f.withTags(Map.of("team", "payments", "aws:cloudformation:stack-name", "payments-stack"));
            }
            functions.add(f);
        }
        return functions;
    }

    private static MappingBuilder getMetricData() {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData"));
    }

    private static long calls(String operation) {
        return snapshot.collectionCost().apiCallsByOperation().getOrDefault(operation, 0L);
    }

    @Test
    void listsEveryFunctionThroughPagesAndReadsTagsLogGroupsAndAccountSettingsInBulk() {
        assertEquals(FLEET_SIZE, snapshot.functions().size());
        assertEquals(FLEET_SIZE / 50, calls("ListFunctions"));
        long tagged = fleet.stream().filter(f -> !f.tags().isEmpty()).count();
        assertEquals((tagged + 99) / 100, calls("GetResources"));
        assertEquals(1, calls("GetAccountSettings"));
        long lambdaGroups = fleet.stream().filter(f -> f.customLogGroup() == null && f.logStoredBytes() > 0).count();
        assertEquals((lambdaGroups + 49) / 50 + 1, calls("DescribeLogGroups"), "the /aws/lambda/ pages, then the one custom group");
        assertEquals("123456789012", snapshot.accountId());
        assertEquals(150, snapshot.accountConcurrency().concurrentExecutionsLimit());
        assertEquals(150 - 32, snapshot.accountConcurrency().unreservedConcurrentExecutions());

        FunctionProfile payments = byName.get("svc-00003");
        assertEquals("payments-stack", payments.config().cloudFormationStack());
        assertEquals("payments", payments.config().tags().get("team"));
        assertEquals(1024, payments.config().memoryMb());
        assertEquals(30, payments.config().timeoutSeconds());
        assertEquals("python3.12", payments.config().runtime());
        assertEquals("rev-svc-00003", payments.config().revisionId());
        assertEquals(30, payments.config().logRetentionDays());
        assertEquals(5_000_000L, payments.config().logStoredBytes());
    }

    @Test
    void asksGetMetricDataForFiveHundredQueriesACallAndRetriesTheThrottledOne() {
        long inScope = FLEET_SIZE - 2;
        long invoked = inScope - 1;
        long enoughEvidence = invoked - 1; // svc-00010 has 3 days of data
        // Invocations of all; errors, throttles and duration avg + max of those with the evidence for a change
        // (not svc-00010), async (3), provisioned (1) and Lambda Insights (2) only where CloudWatch lists them; peak
        // concurrency of those with the evidence (the pool is tight)
        long second = enoughEvidence * 4 + 3 + 1 + 2;
        long queries = inScope + second + enoughEvidence;
        assertEquals(queries, snapshot.collectionCost().metricQueries());
        long batches = (inScope + 499) / 500 + (second + 499) / 500 + (enoughEvidence + 499) / 500;
        assertEquals(batches + 1, calls("GetMetricData"), "each batch once, plus the throttled attempt");
        assertEquals(4, calls("ListMetrics"),
                "Lambda Insights, async events, provisioned utilization, Invocations by Resource (aliases): one page each");
        aws.verify((int) (batches + 1), postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData")));
        List<LoggedRequest> metricCalls = aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData")));
        assertTrue(metricCalls.stream().noneMatch(r -> r.getBodyAsString().contains("svc-00006")), "no metrics for a skipped function");
        assertTrue(metricCalls.stream().allMatch(r -> r.getBodyAsString().split("MetricStat.Stat=").length - 1 <= 500));

        FunctionProfile busy = byName.get("svc-00020");
        assertEquals(14, busy.metrics().daysWithData());
        assertEquals(14_000, busy.metrics().invocations());
        assertEquals(140, busy.metrics().errors());
        assertEquals(14, busy.metrics().daily().size());
        assertNull(busy.metrics().durationP99Ms(), "no rule reads p99: not asked for");
        assertEquals(1, busy.metrics().peakConcurrency());
        assertNull(busy.metrics().asyncEventsReceived(), "no async data is unknown, not zero");
    }

    @Test
    void tellsItsProgressListenerWhatItDiscoveredAndCollected() {
        assertEquals("discovered 600 598", progress.getFirst());
        assertTrue(progress.contains("collected 598 598"), progress.toString());
        assertEquals(1 + 2, progress.size(), "discovered, then once per batch of the Invocations pass");
    }

    @Test
    void leavesIdleAndOutOfScopeFunctionsWithoutEvidenceRatherThanZeros() {
        FunctionProfile idle = byName.get("svc-00008");
        assertEquals(0, idle.metrics().daysWithData());
        assertNull(idle.metrics().durationAvgMs());
        assertEquals(MemorySource.NONE, idle.metrics().memorySource());
        assertTrue(snapshot.scope().exclusionReason("svc-00006", byName.get("svc-00006").config()).isPresent());
        assertTrue(byName.get("svc-00007").config().isOptimizersOwn());
        assertEquals(0, byName.get("svc-00007").metrics().daysWithData());
    }

    @Test
    void makesPerFunctionCallsOnlyWhereTheMetricsSayTheyMatter() {
        assertEquals(1, calls("ListProvisionedConcurrencyConfigs"));
        assertEquals(5, byName.get("svc-00003").config().provisionedConcurrency());
        assertEquals(2 + 3, calls("GetFunctionEventInvokeConfig"), "the malformed answer is retried like an I/O error, 3 attempts");
        assertEquals("arn:aws:sqs:us-east-1:123456789012:svc-00001-dlq", byName.get("svc-00001").config().onFailureDestinationArn());
        assertNull(byName.get("svc-00002").config().onFailureDestinationArn());
        assertFalse(byName.get("svc-00002").config().isUnknown("onFailureDestinationArn"), "no invoke config means no destination");
        long candidates = snapshot.functions().stream().filter(p -> p.metrics().daysWithData() >= 7
                && snapshot.scope().exclusionReason(p.name(), p.config()).isEmpty()).count();
        assertEquals(candidates, calls("GetFunctionConcurrency"), "7 of the 32 reserved are on a thin-evidence function: every candidate is asked");
        assertEquals(25, byName.get("svc-00004").config().reservedConcurrency());
        assertTrue(byName.get("svc-00010").config().isUnknown("reservedConcurrency"));
    }

    @Test
    void recordsAFailedOrMalformedSubCallAsAnUnknownFieldWithAWarningAndGoesOn() {
        FunctionProfile denied = byName.get("svc-00009");
        assertTrue(denied.config().isUnknown("reservedConcurrency"));
        assertNull(denied.config().reservedConcurrency());
        assertTrue(denied.warnings().stream().anyMatch(w -> w.contains("GetFunctionConcurrency") && w.contains("AccessDeniedException")),
                denied.warnings().toString());
        FunctionProfile malformed = byName.get("svc-00011");
        assertTrue(malformed.config().isUnknown("onFailureDestinationArn"));
        assertTrue(snapshot.warnings().stream().anyMatch(w -> w.startsWith("GetFunctionConcurrency AccessDeniedException")),
                snapshot.warnings().toString());
        assertTrue(snapshot.warnings().stream().anyMatch(w -> w.startsWith("GetFunctionEventInvokeConfig")), snapshot.warnings().toString());
        assertEquals(14, malformed.metrics().daysWithData(), "the rest of the function was collected");
    }

    @Test
    void findsMemoryThroughTheChainAndSaysWhereItCameFrom() {
        FunctionProfile insights = byName.get("svc-00005");
        assertEquals(MemorySource.LAMBDA_INSIGHTS, insights.metrics().memorySource());
        assertEquals(305, insights.metrics().maxMemoryUsedMb());
        assertEquals(0.3, insights.metrics().cpuTimeRatio(), 1e-9);

        FunctionProfile fromLogs = byName.get("svc-00020");
        assertEquals(MemorySource.LOGS_INSIGHTS, fromLogs.metrics().memorySource());
        assertEquals(320, fromLogs.metrics().maxMemoryUsedMb());
        assertEquals(SimulatedFunction.busy("svc-00020", 0, 0, 0).billedDurationAvgMs(), fromLogs.metrics().billedDurationAvgMs(),
                "Logs Insights' avg(@billedDuration): INIT included where billed");
        long groupsQueried = snapshot.functions().stream().filter(p -> p.metrics().memorySource() == MemorySource.LOGS_INSIGHTS).count();
        assertEquals((groupsQueried + 49) / 50, calls("StartQuery"));
        assertEquals(2 * calls("StartQuery"), calls("GetQueryResults"), "each query polled while Running, then Complete");
        long scanned = snapshot.collectionCost().logsInsightsBytesScanned();
        assertTrue(scanned >= 1_000_000_000L && scanned <= 10_000_000_000L, "reported as scanned, within the budget: " + scanned);

        FunctionProfile overBudget = byName.get("svc-00014");
        assertEquals(MemorySource.LOG_SCAN, overBudget.metrics().memorySource(), "every REPORT line read: exact");
        assertEquals(314, overBudget.metrics().maxMemoryUsedMb());
        assertEquals(14_000, overBudget.metrics().memorySample().reportLines());
        assertEquals(14, overBudget.metrics().memorySample().daysCovered());
        assertEquals(3, calls("FilterLogEvents"), "14,000 lines in pages of 5,000, followed to the last nextToken");

        FunctionProfile shared = byName.get("svc-00012");
        assertEquals(MemorySource.NONE, shared.metrics().memorySource());
        assertTrue(shared.warnings().stream().anyMatch(w -> w.contains("shared by 2 functions")));
    }

    @Test
    void writesAValidSnapshotWithTheCostOfCollectingAndOnlyReadCalls() {
        try (DocumentCodec codec = new DocumentCodec()) {
            FleetSnapshot read = codec.read(codec.write(snapshot), FleetSnapshot.class, "snapshot");
            assertEquals(snapshot.functions().size(), read.functions().size());
        }
        assertEquals(aws.getAllServeEvents().size(), snapshot.collectionCost().totalApiCalls(), "every request counted");
        Set<String> readOnly = Set.of("ListFunctions", "GetResources", "GetAccountSettings", "DescribeLogGroups", "GetMetricData",
                "ListProvisionedConcurrencyConfigs", "GetFunctionEventInvokeConfig", "GetFunctionConcurrency", "StartQuery",
                "GetQueryResults", "FilterLogEvents", "ListMetrics");
        assertTrue(readOnly.containsAll(snapshot.collectionCost().apiCallsByOperation().keySet()),
                snapshot.collectionCost().apiCallsByOperation().toString());
    }

    @Test
    void asksOnlyThrottledFunctionsForTheirReservationWhenTheAccountHasConcurrencyToSpare() {
        List<SimulatedFunction> roomyFleet = new ArrayList<>();
        for (SimulatedFunction f : SimulatedAccountServer.busyFleet(30)) {
            roomyFleet.add(roomyFleet.size() % 5 == 0 ? f.withReserved(10) : f);
        }
        // the simulated account throttles a third of the reserved functions (by name), as a reservation does at a peak
        List<String> throttled = roomyFleet.stream().filter(f -> f.reserved() != null && f.name().hashCode() % 3 == 0)
                .map(SimulatedFunction::name).toList();
        assertFalse(throttled.isEmpty(), "the fixture has a throttled reservation");
        WireMockServer roomy = SimulatedAccountServer.start(roomyFleet, 1, false, 1000);
        try {
            FleetSnapshot collected = AwsFleetSource.create(optionsFor(roomy, CollectionLimits.defaults()))
                    .collect(new CollectRequest("run-roomy", List.of(SimulatedFunction.REGION), 14, Scope.everything()));

            assertEquals(throttled.size(), collected.collectionCost().apiCallsByOperation().getOrDefault("GetFunctionConcurrency", 0L));
            for (FunctionProfile function : collected.functions()) {
                if (throttled.contains(function.name())) {
                    assertEquals(10, function.config().reservedConcurrency(), function.name());
                } else {
                    assertTrue(function.config().isUnknown("reservedConcurrency"), function.name() + " was not asked: unknown, not none");
                }
            }
        } finally {
            roomy.stop();
        }
    }

    @Test
    void readsEveryReportLineWithFilterLogEventsWhereLogsInsightsIsNotAllowed() {
        WireMockServer denied = SimulatedAccountServer.start(SimulatedAccountServer.busyFleet(20));
        denied.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("Logs_20140328.StartQuery")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform: logs:StartQuery\"}")));
        try {
            FleetSnapshot sampled = AwsFleetSource.create(optionsFor(denied, CollectionLimits.defaults()))
                    .collect(new CollectRequest("run-2", List.of(SimulatedFunction.REGION), 14, Scope.everything()));

            assertTrue(sampled.functions().stream().allMatch(p -> p.metrics().memorySource() == MemorySource.LOG_SCAN));
            assertEquals(200, sampled.functions().getFirst().metrics().maxMemoryUsedMb());
            assertEquals(1, sampled.collectionCost().apiCallsByOperation().get("StartQuery"));
            assertEquals(20 * 2, sampled.collectionCost().apiCallsByOperation().get("FilterLogEvents"), "7,000 lines: two pages each");
            assertTrue(sampled.warnings().stream().anyMatch(w -> w.startsWith("StartQuery AccessDeniedException")), sampled.warnings().toString());
        } finally {
            denied.stop();
        }
    }

    @Test
    void refusesASnapshotInWhichNoFunctionsMetricsCouldBeReadRatherThanReportZeros() {
        WireMockServer slow = SimulatedAccountServer.start(SimulatedAccountServer.busyFleet(20));
        try {
            CollectionFailedException failed = org.junit.jupiter.api.Assertions.assertThrows(CollectionFailedException.class,
                    () -> AwsFleetSource.create(optionsFor(slow, CollectionLimits.defaults().withTimeBudget(Duration.ZERO)))
                            .collect(new CollectRequest("run-3", List.of(SimulatedFunction.REGION), 14, Scope.everything())));

            assertTrue(failed.getMessage().startsWith("the metrics of none of the 20 functions in scope could be read "
                    + "(GetMetricData not called: the collection's time budget ran out)"), failed.getMessage());
            assertTrue(slow.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData"))).isEmpty());
        } finally {
            slow.stop();
        }
    }

    private static AwsCollectorOptions optionsFor(WireMockServer server, CollectionLimits limits) {
        return AwsCollectorOptions.of(List.of(), null, server.baseUrl(), null)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .withLimits(limits.withQueryPollInitial(Duration.ofMillis(5)));
    }

    @Test
    void followsGetMetricDataNextTokenWhenTheWindowHoldsMoreDataPointsThanOneAnswer() {
        WireMockServer longWindow = SimulatedAccountServer.start(SimulatedAccountServer.busyFleet(70));
        try {
            FleetSnapshot year = AwsFleetSource.create(optionsFor(longWindow, CollectionLimits.defaults()))
                    .collect(new CollectRequest("run-4", List.of(SimulatedFunction.REGION), 400, Scope.everything()));

            assertEquals(70 + 70 * 4, year.collectionCost().metricQueries(), "invocations, then 4 series of the invoked");
            assertEquals(1 + 2, year.collectionCost().apiCallsByOperation().get("GetMetricData"),
                    "the invocations in one answer; 280 series of 400 days (112,000 points) in two pages");
            assertTrue(year.functions().stream().allMatch(p -> p.metrics().daysWithData() == 400));
            assertTrue(year.functions().stream().allMatch(p -> p.metrics().durationMaxMs() != null));
        } finally {
            longWindow.stop();
        }
    }
}
