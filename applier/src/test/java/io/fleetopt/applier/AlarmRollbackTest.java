package io.fleetopt.applier;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.fleetopt.applier.aws.LambdaFunctionConfigurator;
import io.fleetopt.applier.aws.SnsRollbackNotices;
import io.fleetopt.aws.DynamoDbChangeLedger;
import io.fleetopt.aws.LedgerTable;
import io.fleetopt.core.change.GuardWindow;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.CollectionCost;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.port.RunLease;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Rollback function's stage driven by a recorded "CloudWatch Alarm State Change" event, with the ledger in
 * DynamoDB Local and WireMock answering as Lambda (REST-JSON), CloudWatch Logs (JSON) and SNS (Query).
 */
class AlarmRollbackTest {

    private static final String RUN_ID = "2026-11-02-6e56";
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders-api";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:fleetopt-notifications";
    private static final Instant APPLIED_AT = Instant.parse("2026-11-02T06:10:00Z");

    private static AmazonDynamoDBLocal dynamoLocal;

    @TempDir
    Path dir;

    private WireMockServer aws;
    private final DocumentCodec codec = new DocumentCodec();
    private DynamoDbChangeLedger ledger;
    private AlarmRollback stage;

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoLocal = DynamoDBEmbedded.create();
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamoLocal.shutdownNow();
    }

    @BeforeEach
    void wire() {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
        liveMemory(512, "rev-2");
        aws.stubFor(get(urlPathMatching("/2015-03-31/functions/.*orders-api/configuration"))
                .willReturn(json("{\"FunctionName\": \"orders-api\", \"LastUpdateStatus\": \"Successful\"}")));
        aws.stubFor(get(urlPathMatching("/2017-03-31/tags/.*orders-api")).willReturn(json("{\"Tags\": {\"team\": \"orders\"}}")));
        aws.stubFor(post(urlPathEqualTo("/")).withHeader("X-Amz-Target", containing("DescribeLogGroups"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"logGroups\": []}")));
        aws.stubFor(put(urlPathMatching("/2015-03-31/functions/.*orders-api/configuration"))
                .willReturn(json("{\"FunctionName\": \"orders-api\", \"MemorySize\": 3008, \"RevisionId\": \"rev-3\", "
                        + "\"LastUpdateStatus\": \"Successful\"}")));
        aws.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(
                        "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                                + "<MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>"
                                + "<ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata>"
                                + "</PublishResponse>")));

        ledger = new DynamoDbChangeLedger(dynamoLocal.dynamoDbClient(), LedgerTable.create(dynamoLocal.dynamoDbClient()));
        ledger.record(change(LedgerAction.INTENT, APPLIED_AT.minusSeconds(2), null));
        ledger.record(change(LedgerAction.APPLIED, APPLIED_AT, "rev-2"));
        DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir.resolve("artifacts")), codec);
        documents.write(ArtifactKeys.snapshot(RUN_ID), snapshot());

        URI endpoint = URI.create("http://127.0.0.1:" + aws.port());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
        LambdaFunctionConfigurator functions = new LambdaFunctionConfigurator(
                LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create()).build(),
                CloudWatchLogsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create()).build(),
                new LambdaFunctionConfigurator.UpdateWait(3, Duration.ofMillis(1), Duration.ofMillis(2)));
        SnsRollbackNotices notices = new SnsRollbackNotices(SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build(), TOPIC);
        Clock clock = Clock.fixed(Instant.parse("2026-11-04T10:05:03Z"), ZoneOffset.UTC);
        ApplyGuards guards = new ApplyGuards(GuardSettings.forScope(List.of("us-east-1"), Scope.everything()));
        stage = new AlarmRollback(new Rollback(functions, ledger, guards, clock, StepHook.NONE), ledger, documents, notices,
                RunLease.NONE, GuardWindow.defaults(), clock);
    }

    @AfterEach
    void stop() {
        aws.stop();
        codec.close();
    }

    @Test
    void anAlarmInsideTheGuardWindowRestoresTheValueBeforeTheRunRecordsWhyAndNotifiesOnce() {
        AlarmRollbackResult result = stage.handle(event(recorded()).toStateChange());

        assertEquals(AlarmRollbackVerdict.ROLLED_BACK, result.verdict(), result.detail());
        assertTrue(result.noticeSent());
        List<ServeEvent> updates = requests("PUT");
        assertEquals(1, updates.size());
        String update = updates.get(0).getRequest().getBodyAsString();
        assertTrue(update.contains("\"MemorySize\":3008") && update.contains("\"RevisionId\":\"rev-2\""), update);
        List<LedgerEntry> rollback = ledger.entriesOfRun(RUN_ID).stream()
                .filter(e -> e.action() == LedgerAction.ROLLBACK_INTENT || e.action() == LedgerAction.ROLLED_BACK).toList();
        assertEquals(2, rollback.size());
        for (LedgerEntry entry : rollback) {
            assertEquals("guard alarm fleetopt-orders-api-p99-slowdown went into ALARM at 2026-11-04T10:05:02.155Z: Threshold "
                    + "Crossed: 3 out of the last 3 datapoints [2310.4 (04/11/26 09:00:00), 2295.7 (04/11/26 08:00:00), 2402.1 "
                    + "(04/11/26 07:00:00)] were greater than or equal to the threshold (1440.0) (minimum 3 datapoints for OK -> "
                    + "ALARM transition).", entry.reason());
            assertEquals("fleetopt (guard alarm fleetopt-orders-api-p99-slowdown)", entry.actor());
            assertEquals(List.of("512", "3008"), List.of(entry.before(), entry.after()));
        }
        List<Map<String, String>> published = publishes();
        assertEquals(1, published.size());
        Map<String, String> notice = published.get(0);
        assertEquals(TOPIC, notice.get("TopicArn"));
        assertEquals("fleetopt: rolled back 1 change to orders-api (run 2026-11-02-6e56) after its guard alarm fired",
                notice.get("Subject"));
        String body = notice.get("Message");
        assertTrue(body.startsWith("Guard alarm fleetopt-orders-api-p99-slowdown went into ALARM at 2026-11-04T10:05:02.155Z "
                + "(account 123456789012, us-east-1).\nCloudWatch: Threshold Crossed: 3 out of the last 3 datapoints [2310.4"), body);
        assertTrue(body.contains("It guards what run 2026-11-02-6e56 changed on orders-api at 2026-11-02T06:10:00Z, within its "
                + "7-day guard window.\n"), body);
        assertTrue(body.contains("Restored (the values before the run, from the change ledger):\n  memory: 512 MB -> 3008 MB\n"), body);
        assertTrue(body.contains("Evidence before the change (the run's snapshot, 14 days): 1,200,000 invocations, duration p99 "
                + "1200.0 ms, average 800.0 ms, 0 errors, 0 throttles, 3008 MB memory, 30 s timeout, max memory used 180 MB "
                + "(Logs Insights over every REPORT line of the window)."), body);
    }

    @Test
    void theSameEventDeliveredAgainChangesNothingAndSendsNoSecondNotice() {
        AlarmStateChangeEventFixture.once(stage, event(recorded()));
        liveMemory(3008, "rev-3");
        aws.resetRequests();

        AlarmRollbackResult again = stage.handle(event(recorded()).toStateChange());

        assertEquals(AlarmRollbackVerdict.ALREADY_HANDLED, again.verdict());
        assertEquals(List.of(), requests("PUT"));
        assertEquals(List.of(), publishes());
        assertEquals(4, ledger.entriesOfRun(RUN_ID).size(), "intent, applied, rollback intent, rolled back");
    }

    @Test
    void anAlarmAfterTheGuardWindowChangesNothing() {
        String late = recorded().replace("2026-11-04T10:05:02.155+0000", "2026-11-09T06:10:00.000+0000");

        AlarmRollbackResult result = stage.handle(event(late).toStateChange());

        assertEquals(AlarmRollbackVerdict.OUTSIDE_WINDOW, result.verdict());
        assertTrue(result.detail().contains("outside the 7-day guard window"), result.detail());
        assertEquals(List.of(), aws.getAllServeEvents(), "neither Lambda nor SNS was called");
        assertEquals(2, ledger.entriesOfRun(RUN_ID).size());
    }

    @Test
    void aValueSomeoneChangedSinceIsLeftAloneRecordedAndNoticedOnce() {
        liveMemory(1024, "rev-7");

        AlarmRollbackResult first = stage.handle(event(recorded()).toStateChange());
        AlarmRollbackResult second = stage.handle(event(recorded()).toStateChange());

        assertEquals(AlarmRollbackVerdict.DECLINED, first.verdict());
        assertEquals(AlarmRollbackVerdict.ALREADY_HANDLED, second.verdict());
        assertEquals(List.of(), requests("PUT"), "drift: nothing written");
        List<Map<String, String>> published = publishes();
        assertEquals(1, published.size());
        assertTrue(published.get(0).get("Message").contains("Left as they are (not rolled back):\n  memory: memory is now 1024 MB, "
                + "not the 512 MB fleetopt set; left as it is\n"), published.get(0).get("Message"));
        LedgerEntry declined = ledger.entriesOfRun(RUN_ID).stream().filter(e -> e.action() == LedgerAction.ROLLBACK_DECLINED)
                .findFirst().orElseThrow();
        assertTrue(declined.reason().startsWith("guard alarm fleetopt-orders-api-p99-slowdown went into ALARM at 2026-11-04T10:05:02.155Z")
                && declined.reason().endsWith("not rolled back: memory is now 1024 MB, not the 512 MB fleetopt set; left as it is"),
                declined.reason());
    }

    @Test
    void anotherTeamsAlarmAndAPrefixedAlarmWithoutFleetoptsLabelAreIgnored() {
        String theirs = recorded().replace("fleetopt-orders-api-p99-slowdown", "orders-api-latency");
        String unlabelled = recorded().replaceAll(" \\[fleetopt run=[^]]*]", "");

        assertEquals(AlarmRollbackVerdict.IGNORED, stage.handle(event(theirs).toStateChange()).verdict());
        assertEquals(AlarmRollbackVerdict.IGNORED, stage.handle(event(unlabelled).toStateChange()).verdict());
        assertEquals(AlarmRollbackVerdict.IGNORED, stage.handle(event(recorded().replace("\"value\": \"ALARM\"", "\"value\": \"OK\""))
                .toStateChange()).verdict());
        assertEquals(List.of(), aws.getAllServeEvents());
    }

    @Test
    void anEventOfAnotherKindIsRefusedNamingWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> event(recorded().replace("CloudWatch Alarm State Change", "EC2 Instance State-change Notification")).toStateChange());
        assertTrue(e.getMessage().contains("detail-type 'EC2 Instance State-change Notification'"), e.getMessage());
        assertEquals(List.of(), aws.getAllServeEvents());
    }

    private AlarmStateChangeEvent event(String json) {
        return codec.read(json, AlarmStateChangeEvent.class, "the event");
    }

    static String recorded() {
        try (InputStream in = AlarmRollbackTest.class.getResourceAsStream("/aws/events/cloudwatch-alarm-state-change.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void liveMemory(int memoryMb, String revision) {
        aws.stubFor(get(urlPathMatching("/2015-03-31/functions/arn(%3A|:)aws(%3A|:)lambda.*function(%3A|:)orders-api"))
                .willReturn(json("{\"Configuration\": {\"FunctionName\": \"orders-api\", \"FunctionArn\": \"" + ARN
                        + "\", \"MemorySize\": " + memoryMb + ", \"Timeout\": 30, \"RevisionId\": \"" + revision
                        + "\", \"TracingConfig\": {\"Mode\": \"PassThrough\"}}}")));
    }

    private List<ServeEvent> requests(String method) {
        return aws.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals(method)).toList();
    }

    private List<Map<String, String>> publishes() {
        return aws.getAllServeEvents().reversed().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("Action=Publish")).map(AlarmRollbackTest::form).toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).forEach(kv -> out.put(
                URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
        return out;
    }

    private static LedgerEntry change(LedgerAction action, Instant at, String revisionAfter) {
        return new LedgerEntry(RUN_ID, "memory-orders-api", ARN, "orders-api", RecommendationKind.MEMORY, action, "3008", "512",
                "ana@example.com", at, new BigDecimal("612.40"), revisionAfter);
    }

    private static FleetSnapshot snapshot() {
        FunctionConfig config = new FunctionConfig("java21", "x86_64", 3008, 30, null, null, "PassThrough", null, null,
                "/aws/lambda/orders-api", 30, 0L, Map.of("team", "orders"), null, "rev-1", null, List.of());
        FunctionMetrics metrics = new FunctionMetrics(14, 1_200_000, 0, 0, 800.0, 700.0, 1200.0, 2000.0, 40, 0L, null, 180,
                MemorySource.LOGS_INSIGHTS, null, List.of());
        return new FleetSnapshot(FleetSnapshot.SCHEMA_VERSION, RUN_ID, "123456789012", List.of("us-east-1"), 14,
                Instant.parse("2026-11-02T06:00:00Z"), Scope.everything(), new AccountConcurrency(1000, 900),
                List.of(new FunctionProfile(ARN, "orders-api", "us-east-1", config, metrics, List.of())), List.of(),
                new CollectionCost(Map.of(), 0, 0));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The first delivery, asserted only to have rolled back (the test of it is above). */
    private static final class AlarmStateChangeEventFixture {
        static void once(AlarmRollback stage, AlarmStateChangeEvent event) {
            assertEquals(AlarmRollbackVerdict.ROLLED_BACK, stage.handle(event.toStateChange()).verdict());
        }
    }
}
