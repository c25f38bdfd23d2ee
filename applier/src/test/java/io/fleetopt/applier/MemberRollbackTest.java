package io.fleetopt.applier;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fleetopt.applier.aws.LambdaFunctionConfigurator;
import io.fleetopt.applier.aws.MemberRoleAdapters;
import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.DynamoDbChangeLedger;
import io.fleetopt.aws.LedgerTable;
import io.fleetopt.core.change.GuardWindow;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionEvidence;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RollbackOutcome;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.port.Message;
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
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member account's change rolled back through its member role, on the wire: STS (query protocol, XML answers)
 * assumes the role of the ledger entry's ARN account with the external id, in the ARN's region; Lambda (REST-JSON)
 * is read (drift) and written with the assumed credentials. By hand ({@link Rollback}) and on the member account's
 * guard alarm ({@link AlarmRollback}), with the ledger in DynamoDB Local and the run's index in the artifact store.
 */
class MemberRollbackTest {

    private static final String RUN_ID = "2026-11-02-7c1d";
    private static final String MEMBER = "210987654321";
    private static final String STRANGER = "444455556666";
    private static final String ARN = "arn:aws:lambda:eu-west-1:" + MEMBER + ":function:orders-api";
    private static final String FUNCTION_PATH = "/2015-03-31/functions/arn(%3A|:)aws(%3A|:)lambda.*orders-api";
    private static final Instant APPLIED_AT = Instant.parse("2026-11-02T06:10:00Z");

    private static AmazonDynamoDBLocal dynamoLocal;

    @TempDir
    Path dir;

    private WireMockServer aws;
    private AwsClients clients;
    private final DocumentCodec codec = new DocumentCodec();
    private DynamoDbChangeLedger ledger;
    private DocumentStore documents;
    private LambdaFunctionConfigurator own;
    private ApplyGuards guards;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-04T10:05:03Z"), ZoneOffset.UTC);
    private final List<Message> notices = new ArrayList<>();

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
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")).withRequestBody(containing(MEMBER))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(resource("AssumeRole.xml"))));
        liveMemory(512, "rev-2");
        aws.stubFor(get(urlPathMatching("/2017-03-31/tags/.*orders-api")).willReturn(json("{\"Tags\": {\"team\": \"orders\"}}")));
        aws.stubFor(post(urlPathMatching("/")).withHeader("X-Amz-Target", containing("Logs_20140328.DescribeLogGroups"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"logGroups\": []}")));
        String configuration = "{\"FunctionName\": \"orders-api\", \"FunctionArn\": \"" + ARN + "\", \"MemorySize\": 3008, "
                + "\"Timeout\": 30, \"RevisionId\": \"rev-3\", \"LastUpdateStatus\": \"Successful\"}";
        aws.stubFor(put(urlPathMatching(FUNCTION_PATH + "/configuration")).willReturn(json(configuration)));
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH + "/configuration")).willReturn(json(configuration)));
        URI endpoint = URI.create(aws.baseUrl());
        clients = new AwsClients(new AwsClientSettings("us-east-1", null, endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMANAGEMENT", "secret")), Duration.ofSeconds(20)));
        own = new LambdaFunctionConfigurator(clients.build(LambdaClient.builder()), clients.build(CloudWatchLogsClient.builder()),
                new LambdaFunctionConfigurator.UpdateWait(3, Duration.ofMillis(1), Duration.ofMillis(2)));

        ledger = new DynamoDbChangeLedger(dynamoLocal.dynamoDbClient(), LedgerTable.create(dynamoLocal.dynamoDbClient()));
        ledger.record(change(LedgerAction.INTENT, APPLIED_AT.minusSeconds(2), null));
        ledger.record(change(LedgerAction.APPLIED, APPLIED_AT, "rev-2"));
        documents = new DocumentStore(new DirectoryArtifactStore(dir.resolve("artifacts")), codec);
        documents.write(ArtifactKeys.index(RUN_ID), RunIndex.of(RUN_ID, List.of(new RunIndex.Entry(MEMBER, "eu-west-1",
                "runs/" + RUN_ID + "/targets/" + MEMBER + "/eu-west-1/snapshot.json",
                "runs/" + RUN_ID + "/targets/" + MEMBER + "/eu-west-1/plan.json", "sha256:" + "a1".repeat(32), 1, 1, 1,
                new BigDecimal("612.40"))), List.of()));
        guards = new ApplyGuards(GuardSettings.forScope(List.of("eu-west-1"), Scope.everything()));
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.stop();
        codec.close();
    }

    /** The deployment's accounts: its own clients, and the member role settings when {@code withSettings}. */
    private RestoreAccounts accounts(boolean withSettings, List<String> listed) {
        MemberAccountAppliers members = withSettings ? new MemberAccountAppliers(
                new MemberRoleAdapters(clients, "ext-7f3a", "aws", "fleetopt-member"), ledger, guards, clock) : null;
        return new RestoreAccounts(own, AliasRelease.NONE, documents, members, listed, RestoreAccounts.LAMBDA_SETTINGS);
    }

    private Rollback rollback(RestoreAccounts accounts) {
        return new Rollback(accounts, ledger, guards, clock, StepHook.NONE);
    }

    private AlarmRollback alarmRollback(RestoreAccounts accounts) {
        return new AlarmRollback(rollback(accounts), ledger, documents, notices::add, RunLease.NONE, GuardWindow.defaults(), clock);
    }

    @Test
    void aMemberAccountsChangeIsReadAndRestoredThroughThatAccountsMemberRole() {
        RollbackResult result = rollback(accounts(true, List.of())).rollback(RUN_ID, "ana@example.com", RunEvidence.none());

        RollbackOutcome item = result.items().getFirst();
        assertEquals(RollbackStatus.RESTORED, item.status(), item.reason());
        List<LoggedRequest> assumed = aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")));
        assertEquals(1, assumed.size());
        String body = URLDecoder.decode(assumed.getFirst().getBodyAsString(), StandardCharsets.UTF_8);
        assertTrue(body.contains("RoleArn=arn:aws:iam::" + MEMBER + ":role/fleetopt-member") && body.contains("ExternalId=ext-7f3a"),
                body);
        assertTrue(assumed.getFirst().getHeader("Authorization").contains("/eu-west-1/sts/"), "STS in the ARN's region");
        List<LoggedRequest> writes = aws.findAll(putRequestedFor(urlPathMatching(FUNCTION_PATH + "/configuration")));
        assertEquals(1, writes.size());
        aws.verify(putRequestedFor(urlPathMatching(FUNCTION_PATH + "/configuration"))
                .withRequestBody(equalToJson("{\"MemorySize\": 3008, \"RevisionId\": \"rev-2\"}")));
        assertTrue(writes.getFirst().getHeader("Authorization").contains("Credential=ASIAMEMBERROLE0EXAMPLE/")
                && writes.getFirst().getHeader("Authorization").contains("/eu-west-1/lambda/"),
                writes.getFirst().getHeader("Authorization"));
        assertEquals("IQoJb3JpZ2luX2VjEXAMPLETOKEN", writes.getFirst().getHeader("X-Amz-Security-Token"));
        assertEquals(List.of(), lambdaCallsSignedBy("AKIDMANAGEMENT"), "nothing of the member account with the management's key");
        assertEquals(List.of(LedgerAction.INTENT, LedgerAction.APPLIED, LedgerAction.ROLLBACK_INTENT, LedgerAction.ROLLED_BACK),
                ledger.entriesOfRun(RUN_ID).stream().map(LedgerEntry::action).toList());
    }

    @Test
    void driftInTheMemberAccountLeavesTheValueAlone() {
        liveMemory(1024, "rev-7");

        RollbackOutcome item = rollback(accounts(true, List.of())).rollback(RUN_ID, "ana@example.com", RunEvidence.none())
                .items().getFirst();

        assertEquals(RollbackStatus.SKIPPED_CHANGED_SINCE, item.status());
        assertTrue(item.reason().contains("memory is now 1024 MB, not the 512 MB fleetopt set"), item.reason());
        aws.verify(0, putRequestedFor(anyUrl()));
        assertTrue(!lambdaCallsSignedBy("ASIAMEMBERROLE0EXAMPLE").isEmpty(), "the live value was read in the member account");
        assertEquals(2, ledger.entriesOfRun(RUN_ID).size());
    }

    @Test
    void aMemberEntryWithoutMemberRoleSettingsIsRefusedNamingThemAndNothingIsWritten() {
        RollbackOutcome item = rollback(accounts(false, List.of())).rollback(RUN_ID, "ana@example.com", RunEvidence.none())
                .items().getFirst();

        assertEquals(RollbackStatus.FAILED, item.status());
        assertTrue(item.reason().contains("orders-api is in member account " + MEMBER)
                && item.reason().contains("fleetopt.organization.external-id"), item.reason());
        aws.verify(0, anyRequestedFor(anyUrl()));
        assertEquals(2, ledger.entriesOfRun(RUN_ID).size(), "nothing ledgered for it");
    }

    @Test
    void anEntryOfAnAccountTheRunsIndexDoesNotNameIsRefused() {
        documents.write(ArtifactKeys.index(RUN_ID), RunIndex.of(RUN_ID, List.of(new RunIndex.Entry(STRANGER, "eu-west-1",
                "s", "p", "sha256:" + "b2".repeat(32), 1, 1, 1, BigDecimal.ONE)), List.of()));

        RollbackOutcome item = rollback(accounts(true, List.of())).rollback(RUN_ID, "ana@example.com", RunEvidence.none())
                .items().getFirst();

        assertEquals(RollbackStatus.FAILED, item.status());
        assertTrue(item.reason().contains(MEMBER + "/eu-west-1, which is not a target of run " + RUN_ID + "'s index"), item.reason());
        aws.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMemberAccountsGuardAlarmRollsItsChangeBackThroughItsMemberRoleAndNotifies() {
        AlarmRollbackResult result = alarmRollback(accounts(true, List.of(MEMBER))).handle(event(MEMBER, ARN).toStateChange());

        assertEquals(AlarmRollbackVerdict.ROLLED_BACK, result.verdict(), result.detail());
        List<LoggedRequest> writes = aws.findAll(putRequestedFor(urlPathMatching(FUNCTION_PATH + "/configuration")));
        assertEquals(1, writes.size());
        assertTrue(writes.getFirst().getHeader("Authorization").contains("Credential=ASIAMEMBERROLE0EXAMPLE/"));
        assertEquals(1, notices.size());
        assertTrue(notices.getFirst().body().contains("(account " + MEMBER + ", eu-west-1)"), notices.getFirst().body());
    }

    @Test
    void aMemberAccountsAlarmChecksTheValueToRestoreAgainstTheFunctionsEvidenceFromCollect() {
        documents.write(ArtifactKeys.evidence(RUN_ID, ARN), new FunctionEvidence(FunctionEvidence.SCHEMA_VERSION, RUN_ID,
                Instant.parse("2026-11-02T06:00:00Z"), profile(2048)));

        AlarmRollbackResult result = alarmRollback(accounts(true, List.of(MEMBER))).handle(event(MEMBER, ARN).toStateChange());

        assertEquals(AlarmRollbackVerdict.DECLINED, result.verdict(), result.detail());
        assertTrue(result.items().getFirst().reason().contains("is not the 2048 MB the run's snapshot recorded"),
                result.items().getFirst().reason());
        aws.verify(0, putRequestedFor(anyUrl()));
        assertTrue(notices.getFirst().body().contains("2048 MB memory"), notices.getFirst().body());
    }

    @Test
    void anAlarmInAnotherAccountThanItsFunctionIsRefusedNamingBoth() {
        AlarmRollbackResult result = alarmRollback(accounts(true, List.of(MEMBER, STRANGER)))
                .handle(event(STRANGER, ARN).toStateChange());

        assertEquals(AlarmRollbackVerdict.REFUSED, result.verdict());
        assertTrue(result.detail().contains("is in account " + STRANGER) && result.detail().contains("orders-api of account " + MEMBER),
                result.detail());
        aws.verify(0, anyRequestedFor(anyUrl()));
        assertEquals(List.of(), notices);
        assertEquals(2, ledger.entriesOfRun(RUN_ID).size());
    }

    @Test
    void anEventFromAnAccountThatIsNotAMemberIsRefused() {
        String theirs = "arn:aws:lambda:eu-west-1:" + STRANGER + ":function:orders-api";

        AlarmRollbackResult listed = alarmRollback(accounts(true, List.of(MEMBER))).handle(event(STRANGER, theirs).toStateChange());
        AlarmRollbackResult ofTheIndex = alarmRollback(accounts(true, List.of())).handle(event(STRANGER, theirs).toStateChange());

        assertEquals(AlarmRollbackVerdict.REFUSED, listed.verdict());
        assertTrue(listed.detail().contains("account " + STRANGER + ", which is not one of this deployment's member accounts "
                + "(the listed member accounts " + MEMBER + " (fleetopt.organization.member-accounts))"), listed.detail());
        assertEquals(AlarmRollbackVerdict.REFUSED, ofTheIndex.verdict());
        assertTrue(ofTheIndex.detail().contains("the member accounts of run " + RUN_ID + "'s index " + MEMBER), ofTheIndex.detail());
        aws.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMemberAccountsAlarmWithoutMemberRoleSettingsIsRefusedNamingThem() {
        AlarmRollbackResult result = alarmRollback(accounts(false, List.of(MEMBER))).handle(event(MEMBER, ARN).toStateChange());

        assertEquals(AlarmRollbackVerdict.REFUSED, result.verdict());
        assertTrue(result.detail().contains("fleetopt.organization.external-id"), result.detail());
        aws.verify(0, anyRequestedFor(anyUrl()));
        assertEquals(2, ledger.entriesOfRun(RUN_ID).size());
    }

    /** The recorded event, as a member account's bus forwards it: its account, region and alarm ARN are the member's. */
    private AlarmStateChangeEvent event(String alarmAccount, String functionArn) {
        String json = AlarmRollbackTest.recorded()
                .replace("arn:aws:lambda:us-east-1:123456789012:function:orders-api", functionArn)
                .replace("2026-11-02-6e56", RUN_ID)
                .replace("123456789012", alarmAccount)
                .replace("us-east-1", "eu-west-1");
        return codec.read(json, AlarmStateChangeEvent.class, "the event");
    }

    private List<String> lambdaCallsSignedBy(String accessKey) {
        return aws.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().startsWith("/2015-03-31/") || r.getUrl().startsWith("/2017-03-31/"))
                .filter(r -> r.getHeader("Authorization").contains("Credential=" + accessKey + "/"))
                .map(LoggedRequest::getUrl).toList();
    }

    private void liveMemory(int memoryMb, String revision) {
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH)).willReturn(json("{\"Configuration\": {\"FunctionName\": \"orders-api\", "
                + "\"FunctionArn\": \"" + ARN + "\", \"MemorySize\": " + memoryMb + ", \"Timeout\": 30, \"RevisionId\": \""
                + revision + "\", \"TracingConfig\": {\"Mode\": \"PassThrough\"}, \"LastUpdateStatus\": \"Successful\"}, "
                + "\"Tags\": {\"team\": \"orders\"}}")));
    }

    private static LedgerEntry change(LedgerAction action, Instant at, String revisionAfter) {
        return new LedgerEntry(RUN_ID, "memory-orders-api", ARN, "orders-api", RecommendationKind.MEMORY, action, "3008", "512",
                "ana@example.com", at, new BigDecimal("612.40"), revisionAfter);
    }

    private static FunctionProfile profile(int memoryMb) {
        FunctionConfig config = new FunctionConfig("java21", "x86_64", memoryMb, 30, null, null, "PassThrough", null, null,
                "/aws/lambda/orders-api", 30, 0L, Map.of("team", "orders"), null, "rev-1", null, List.of());
        FunctionMetrics metrics = new FunctionMetrics(14, 1_200_000, 0, 0, 800.0, 700.0, 1200.0, 2000.0, 40, 0L, null, 180,
                MemorySource.LOGS_INSIGHTS, null, List.of());
        return new FunctionProfile(ARN, "orders-api", "eu-west-1", config, metrics, List.of());
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String resource(String name) {
        try (InputStream in = MemberRollbackTest.class.getResourceAsStream("/aws/sts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
