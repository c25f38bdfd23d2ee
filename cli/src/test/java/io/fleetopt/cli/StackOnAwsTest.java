package io.fleetopt.cli;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.fleetopt.aws.DynamoDbChangeLedger;
import io.fleetopt.aws.DynamoDbRunLease;
import io.fleetopt.aws.LedgerTable;
import io.fleetopt.collector.aws.SimulatedAccountServer;
import io.fleetopt.collector.aws.SimulatedAwsAccount;
import io.fleetopt.collector.aws.SimulatedFunction;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * run, apply and rollback with {@code --stack NAME}, through one endpoint as --endpoint-url gives it: WireMock answering
 * as Lambda, CloudWatch Logs and CloudWatch (the simulated account) and as CloudFormation (recorded DescribeStacks
 * answers), passing DynamoDB's calls to DynamoDB Local (the ledger and the run lease, the real conditional writes) and
 * S3's to an in-memory S3 (PutObject and GetObject are all the artifact store calls; in-process, no emulator to start).
 */
class StackOnAwsTest {

    /** The names the recorded DescribeStacks answer gives the stack's outputs. */
    private static final String BUCKET = "fleetopt-artifacts-1a2b3c4d";
    private static final String TABLE = "fleetopt-Ledger-9F8E7D6C";

    @TempDir
    Path stateDir;

    private SimulatedAccountServer.Running aws;
    private WireMockServer s3Server;
    private final InMemoryS3 s3 = new InMemoryS3();
    private DynamoDBProxyServer dynamoLocal;
    private DynamoDbClient dynamo;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        List<SimulatedFunction> fleet = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fleet.add(SimulatedFunction.busy(String.format("svc-%05d", i), 512, 200, 500));
        }
        aws = SimulatedAccountServer.startWritable(fleet);

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        dynamoLocal = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory", "-sharedDb", "-port", Integer.toString(port)});
        dynamoLocal.start();
        String dynamoUrl = "http://127.0.0.1:" + port;
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create(dynamoUrl)).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"))).build();
        LedgerTable.create(dynamo, TABLE);

        s3Server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(s3));
        s3Server.start();
        s3Server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(InMemoryS3.NAME)));

        aws.server().stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", matching("DynamoDB_20120810\\..+"))
                .willReturn(aResponse().proxiedFrom(dynamoUrl)));
        aws.server().stubFor(any(urlPathMatching("/" + BUCKET + "(/.*)?")).atPriority(1)
                .willReturn(aResponse().proxiedFrom(s3Server.baseUrl())));
        aws.server().stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=DescribeStacks"))
                .withRequestBody(containing("StackName=fleetopt&").or(containing("StackName=fleetopt")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody(StackOutputsTest.recorded("DescribeStacks.xml"))));
        aws.server().stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=DescribeStacks"))
                .withRequestBody(containing("StackName=fleetopt-typo"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml")
                        .withBody(StackOutputsTest.recorded("DescribeStacks-stack-does-not-exist.xml"))));
    }

    @AfterEach
    void stop() throws Exception {
        dynamo.close();
        dynamoLocal.stop();
        s3Server.stop();
        aws.server().stop();
    }

    private CliAcceptanceTest.Result fleetopt(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FleetoptCommand.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new CliAcceptanceTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private CliAcceptanceTest.Result fleetopt(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--region", "us-east-1", "--endpoint-url", aws.server().baseUrl(), "--state-dir", stateDir.toString()));
        return fleetopt(all);
    }

    private List<LedgerEntry> ledger(String runId) {
        return new DynamoDbChangeLedger(dynamo, TABLE).entriesOfRun(runId);
    }

    private static long count(List<LedgerEntry> entries, LedgerAction action) {
        return entries.stream().filter(e -> e.action() == action).count();
    }

    private String runWithTheStack() {
        CliAcceptanceTest.Result run = fleetopt("run", "--yes", "--stack", "fleetopt");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        Matcher runId = Pattern.compile("fleetopt weekly run (\\S+) on the AWS account in us-east-1").matcher(run.out());
        assertTrue(runId.find(), run.out());
        return runId.group(1) + "\n" + run.out();
    }

    @Test
    void aRunKeepsItsDocumentsAndLedgerInTheStackAndThePrintedUndoLineRestoresIt() throws IOException {
        Map<String, SimulatedAwsAccount.FunctionState> before = aws.account().state();

        String[] run = runWithTheStack().split("\n", 2);
        String runId = run[0];
        String out = run[1];

        // the changes are in the stack's DynamoDB ledger, the documents in its bucket; none in the state folder
        List<LedgerEntry> entries = ledger(runId);
        long applied = count(entries, LedgerAction.APPLIED);
        assertTrue(applied > 0, entries.toString());
        assertEquals(count(entries, LedgerAction.INTENT), applied, "every change was written ahead");
        assertFalse(before.equals(aws.account().state()), "the run changed the fleet");
        assertTrue(s3.objects().containsKey(BUCKET + "/runs/" + runId + "/plan.json"), s3.objects().keySet().toString());
        assertTrue(s3.objects().containsKey(BUCKET + "/runs/" + runId + "/result.json"), s3.objects().keySet().toString());
        assertFalse(Files.exists(stateDir.resolve("ledger.jsonl")), "no local ledger");
        // only the weekly report's page is kept here, for the summary's local link
        try (var local = Files.list(stateDir.resolve("artifacts/runs/" + runId))) {
            assertEquals(List.of(), local.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith("report.")).toList(),
                    "no run documents in the state folder");
        }

        // the summary's undo line names the stack, and works as printed
        Matcher undo = Pattern.compile("Undo this run's changes: fleetopt (rollback .*)").matcher(out);
        assertTrue(undo.find(), out);
        List<String> printed = ApplyOnAwsTest.shellWords(undo.group(1).strip());
        assertTrue(printed.containsAll(List.of("--stack", "fleetopt", "--region", "us-east-1", "--endpoint-url")), printed.toString());
        CliAcceptanceTest.Result rollback = fleetopt(printed);
        assertEquals(0, rollback.exitCode(), rollback.out() + rollback.err());
        assertEquals(before, aws.account().state(), rollback.out());
        List<LedgerEntry> afterRollback = ledger(runId);
        assertEquals(applied, count(afterRollback, LedgerAction.ROLLBACK_INTENT), "the rollback was written ahead");
        assertEquals(applied, count(afterRollback, LedgerAction.ROLLED_BACK), "and completed in the stack's ledger");

        // run again, it changes nothing and writes nothing
        int callsBefore = aws.server().getAllServeEvents().size();
        CliAcceptanceTest.Result again = fleetopt(printed);
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals(before, aws.account().state(), again.out());
        assertEquals(afterRollback.size(), ledger(runId).size(), "no new ledger entries");
        aws.server().getAllServeEvents().stream().limit(aws.server().getAllServeEvents().size() - callsBefore).forEach(call -> {
            String method = call.getRequest().getMethod().value();
            String target = String.valueOf(call.getRequest().getHeader("X-Amz-Target"));
            assertFalse(method.equals("DELETE") || (method.equals("PUT") && !call.getRequest().getUrl().startsWith("/" + BUCKET))
                            || target.endsWith("RetentionPolicy"),
                    "the second rollback wrote " + method + " " + call.getRequest().getUrl() + " " + target);
        });

        // the run and the rollbacks released the stack's run lease: another run may take it
        new DynamoDbRunLease(dynamo, TABLE, Clock.systemUTC()).acquire("2026-12-07-next");
    }

    @Test
    void aRollbackWhileAnotherRunHoldsTheStacksLeaseIsTurnedAwayAndChangesNothing() {
        String runId = runWithTheStack().split("\n", 2)[0];
        Map<String, SimulatedAwsAccount.FunctionState> changed = aws.account().state();
        new DynamoDbRunLease(dynamo, TABLE, Clock.systemUTC()).acquire("2026-12-07-beef");

        CliAcceptanceTest.Result rollback = fleetopt("rollback", "--stack", "fleetopt", "--run", runId);

        assertEquals(2, rollback.exitCode(), rollback.out() + rollback.err());
        assertTrue(rollback.err().contains("2026-12-07-beef holds the account's run lease until"), rollback.err());
        assertTrue(rollback.err().contains("nothing was changed"), rollback.err());
        assertEquals(changed, aws.account().state());
        assertEquals(0, count(ledger(runId), LedgerAction.ROLLBACK_INTENT));
    }

    @Test
    void anApplyOnAStackThatDoesNotExistStopsBeforeAnyOtherCall() {
        CliAcceptanceTest.Result apply = fleetopt("apply", "--stack", "fleetopt-typo", "--run", "2026-11-02-3fa9", "--all");

        assertEquals(2, apply.exitCode(), apply.out() + apply.err());
        assertEquals("fleetopt: no CloudFormation stack 'fleetopt-typo' in us-east-1 (check --stack, and --region for the stack's"
                + " region)", apply.err().strip());
        aws.server().getAllServeEvents().forEach(call -> assertTrue(
                call.getRequest().getBodyAsString().contains("Action=DescribeStacks"), "called " + call.getRequest().getUrl()));
    }

    @Test
    void stackGoesWithARealAccountNotTheDemo() {
        CliAcceptanceTest.Result rollback = fleetopt(List.of("rollback", "--demo", "--stack", "fleetopt", "--run", "r1",
                "--state-dir", stateDir.toString()));

        assertEquals(2, rollback.exitCode(), rollback.out() + rollback.err());
        assertTrue(rollback.err().contains("--stack uses a deployed stack's bucket and ledger on a real account"), rollback.err());
    }

}
