package io.fleetopt.applier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.fleetopt.applier.aws.LambdaFunctionConfigurator;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.CollectionCost;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.RunLease;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A batch of memory changes through ApplyItem and the real Lambda adapter, against WireMock answering as Lambda
 * (REST-JSON): one function's update is throttled past the SDK's own retries, another's meets an update already in
 * progress (ResourceConflict). Both are thrown for the state machine to retry; the retries apply each change once.
 */
class LambdaThrottlingMidBatchTest {

    private static final String RUN_ID = "2026-11-02-wire";
    private static final List<String> FUNCTIONS = List.of("orders-api", "cart-service", "search-api");

    @TempDir
    Path dir;

    private WireMockServer lambda;
    private final DocumentCodec codec = new DocumentCodec();

    @BeforeEach
    void start() {
        lambda = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        lambda.start();
        for (String name : FUNCTIONS) {
            String path = "/2015-03-31/functions/arn(%3A|:)aws(%3A|:)lambda.*function(%3A|:)" + name;
            for (String unchanged : List.of(Scenario.STARTED, "calm", "conflicted")) {
                lambda.stubFor(get(urlPathMatching(path)).inScenario(name).whenScenarioStateIs(unchanged)
                        .willReturn(json(getFunction(name, 3008, "rev-1"))));
            }
            lambda.stubFor(get(urlPathMatching(path)).inScenario(name).whenScenarioStateIs("changed")
                    .willReturn(json(getFunction(name, 512, "rev-2"))));
            lambda.stubFor(get(urlPathMatching(path + "/configuration"))
                    .willReturn(json("{\"FunctionName\": \"" + name + "\", \"LastUpdateStatus\": \"Successful\"}")));
            lambda.stubFor(get(urlPathMatching("/2017-03-31/tags/.*" + name)).willReturn(json("{\"Tags\": {}}")));
        }
        lambda.stubFor(post(urlPathMatching("/")).withHeader("X-Amz-Target", containing("DescribeLogGroups"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"logGroups\": []}")));
        // orders-api: the update goes through
        update("orders-api", Scenario.STARTED, json(configuration("orders-api")), "changed");
        // cart-service: throttled until the test lets it through
        update("cart-service", Scenario.STARTED, error(429, "TooManyRequestsException", "Rate exceeded"), null);
        update("cart-service", "calm", json(configuration("cart-service")), "changed");
        // search-api: an update in progress once, then it goes through
        update("search-api", Scenario.STARTED, error(409, "ResourceConflictException", "An update is in progress"), "conflicted");
        update("search-api", "conflicted", json(configuration("search-api")), "changed");
    }

    @AfterEach
    void stop() {
        lambda.stop();
        codec.close();
    }

    private void update(String name, String state, ResponseDefinitionBuilder answer, String next) {
        var stub = put(urlPathMatching("/2015-03-31/functions/.*" + name + "/configuration")).inScenario(name)
                .whenScenarioStateIs(state).willReturn(answer);
        lambda.stubFor(next == null ? stub : stub.willSetStateTo(next));
    }

    private static String arn(String name) {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + name;
    }

    private static String getFunction(String name, int memoryMb, String revision) {
        return "{\"Configuration\": {\"FunctionName\": \"" + name + "\", \"FunctionArn\": \"" + arn(name) + "\", \"MemorySize\": "
                + memoryMb + ", \"Timeout\": 30, \"RevisionId\": \"" + revision + "\", \"TracingConfig\": {\"Mode\": \"PassThrough\"}}}";
    }

    private static String configuration(String name) {
        return "{\"FunctionName\": \"" + name + "\", \"MemorySize\": 512, \"RevisionId\": \"rev-2\", \"LastUpdateStatus\": \"Successful\"}";
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", type)
                .withBody("{\"Type\": \"User\", \"Message\": \"" + message + "\"}");
    }

    private static FunctionProfile profile(String name) {
        FunctionConfig config = new FunctionConfig("java21", "x86_64", 3008, 30, null, null, "PassThrough", null, null,
                "/aws/lambda/" + name, null, null, Map.of(), null, "rev-1", null, List.of());
        FunctionMetrics metrics = new FunctionMetrics(14, 100_000, 0, 0, 100.0, 90.0, 150.0, 200.0, 10, null, null, 300,
                MemorySource.LAMBDA_INSIGHTS, null, List.of());
        return new FunctionProfile(arn(name), name, "us-east-1", config, metrics, List.of());
    }

    @Test
    void throttlingAndAConflictMidBatchAreRetriedAndEachChangeIsMadeOnce() {
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir.resolve("artifacts"));
        DocumentStore documents = new DocumentStore(store, codec);
        Clock clock = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);
        FleetSnapshot snapshot = new FleetSnapshot(FleetSnapshot.SCHEMA_VERSION, RUN_ID, "123456789012",
                List.of("us-east-1"), 14, clock.instant(), Scope.everything(), new AccountConcurrency(1000, 900),
                FUNCTIONS.stream().map(LambdaThrottlingMidBatchTest::profile).toList(), List.of(), new CollectionCost(Map.of(), 0, 0));
        documents.write(ArtifactKeys.snapshot(RUN_ID), snapshot);
        new io.fleetopt.core.port.EvidenceFiles(store, codec).writeAll(snapshot);
        List<Recommendation> items = FUNCTIONS.stream().map(name -> new Recommendation("memory-" + name, arn(name), name,
                RecommendationKind.MEMORY, "3008", "512", Risk.LOW, Action.APPLY, "test", BigDecimal.ONE, List.of(), "rev-1",
                List.of())).toList();
        Plan plan = new Plan(Plan.SCHEMA_VERSION, RUN_ID, clock.instant(), items, List.of(),
                new PlanTotals(3, 3, 3, 0, 0, BigDecimal.ONE, Map.of(), Map.of()), List.of());
        documents.write(ArtifactKeys.plan(RUN_ID), plan);
        Decision decision = new io.fleetopt.core.port.DecisionWriter(store, codec).write(ArtifactKeys.decision(RUN_ID),
                Decision.of(plan, items.stream().map(Recommendation::id).toList(), List.of(), "ana", clock.instant()), plan, null);
        java.util.Map<String, io.fleetopt.core.model.ItemLine> lines = new java.util.HashMap<>();
        new io.fleetopt.core.port.ItemsFile(store, codec).read(decision.approvedItemsKey(), null, decision.approvedItemsDigest())
                .forEach(l -> lines.put(l.item().id(), l));
        JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec);
        URI endpoint = URI.create("http://127.0.0.1:" + lambda.port());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
        LambdaFunctionConfigurator functions = new LambdaFunctionConfigurator(
                LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create()).build(),
                CloudWatchLogsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create()).build(),
                new LambdaFunctionConfigurator.UpdateWait(3, Duration.ofMillis(1), Duration.ofMillis(2)));
        ApplyItemStage stage = new ApplyItemStage(new Applier(functions, ledger,
                new ApplyGuards(GuardSettings.forScope(List.of("us-east-1"), Scope.everything())), clock, StepHook.NONE),
                documents, new io.fleetopt.core.port.EvidenceFiles(store, codec), codec, RunLease.NONE);
        ApplyItemRequest orders = new ApplyItemRequest(RUN_ID, ArtifactKeys.decision(RUN_ID), decision.planDigest(), lines.get("memory-orders-api"));
        ApplyItemRequest cart = new ApplyItemRequest(RUN_ID, ArtifactKeys.decision(RUN_ID), decision.planDigest(), lines.get("memory-cart-service"));
        ApplyItemRequest search = new ApplyItemRequest(RUN_ID, ArtifactKeys.decision(RUN_ID), decision.planDigest(), lines.get("memory-search-api"));

        assertEquals(ApplyStatus.APPLIED, stage.apply(orders).status());
        assertThrows(TransientApplyException.class, () -> stage.apply(cart));
        assertThrows(TransientApplyException.class, () -> stage.apply(search));
        lambda.setScenarioState("cart-service", "calm");
        List<ApplyStatus> retried = new ArrayList<>();
        for (ApplyItemRequest request : List.of(orders, cart, search)) {
            retried.add(stage.apply(request).status());
        }

        assertEquals(List.of(ApplyStatus.ALREADY_APPLIED, ApplyStatus.APPLIED, ApplyStatus.APPLIED), retried,
                () -> FUNCTIONS.stream().map(n -> documents.find(ArtifactKeys.outcome(RUN_ID, "memory-" + n),
                        io.fleetopt.core.model.ItemOutcome.class).map(o -> n + ": " + o.reason()).orElse(n)).toList().toString());
        for (String name : FUNCTIONS) {
            assertEquals(1, successfulUpdates(name), name + " was changed once");
            assertEquals(1, ledger.entriesOfItem(RUN_ID, "memory-" + name).stream().filter(e -> e.action() == LedgerAction.APPLIED).count());
        }
    }

    private long successfulUpdates(String name) {
        List<ServeEvent> events = lambda.getAllServeEvents();
        return events.stream().filter(e -> e.getRequest().getMethod().getName().equals("PUT")
                && e.getRequest().getUrl().contains(name) && e.getResponse().getStatus() == 200).count();
    }
}
