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
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.notifier.Money;
import io.fleetopt.notifier.report.WeeklyReport;
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
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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

    /** A run with the stack whose approver answers "none" at the prompt: its plan and evidence are in the bucket. */
    private String runApprovingNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FleetoptCommand.execute(new String[]{"run", "--stack", "fleetopt", "--region", "us-east-1", "--endpoint-url",
                        aws.server().baseUrl(), "--state-dir", stateDir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("Nothing approved; nothing was changed."), printed);
        Matcher runId = Pattern.compile("fleetopt weekly run (\\S+) on the AWS account in us-east-1").matcher(printed);
        assertTrue(runId.find(), printed);
        return runId.group(1);
    }

    /** The stack's bucket as the review endpoint writes to it: S3's own API, through the in-memory S3. */
    private io.fleetopt.aws.S3ArtifactStore bucket() {
        software.amazon.awssdk.services.s3.S3Client client = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(URI.create(s3Server.baseUrl())).forcePathStyle(true).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"))).build();
        return new io.fleetopt.aws.S3ArtifactStore(client, BUCKET);
    }

    /** What the review endpoint records when the approver approves every change on the page, decided at {@code at}. */
    private String decideOnTheReviewPage(String runId, String planDigest, Instant at) {
        try (DocumentCodec codec = new DocumentCodec()) {
            io.fleetopt.core.model.Plan plan = codec.read(s3.objects().get(BUCKET + "/" + io.fleetopt.core.port.ArtifactKeys.plan(runId)),
                    io.fleetopt.core.model.Plan.class, "plan");
            String key = io.fleetopt.core.port.ArtifactKeys.decisions(runId) + at.toEpochMilli() + "-1a2b3c4d.json";
            List<String> approved = plan.applicableItems().stream().map(io.fleetopt.core.model.Recommendation::id).toList();
            new io.fleetopt.core.port.DocumentStore(bucket(), codec).writeDecision(key, new io.fleetopt.core.model.Decision(
                    io.fleetopt.core.model.Decision.SCHEMA_VERSION, runId, planDigest, approved, List.of(), "approver@example.com",
                    at, "203.0.113.7", "Mozilla/5.0"), plan, null);
            return key;
        }
    }

    private String planDigest(String runId) {
        try (DocumentCodec codec = new DocumentCodec()) {
            return io.fleetopt.core.model.PlanDigest.of(codec.read(s3.objects().get(BUCKET + "/"
                    + io.fleetopt.core.port.ArtifactKeys.plan(runId)), io.fleetopt.core.model.Plan.class, "plan"));
        }
    }

    @Test
    void applyWithoutOptionsAppliesTheDecisionTheReviewPageRecordedAndSaysWhichItApplied() {
        String runId = runApprovingNothing();
        Map<String, SimulatedAwsAccount.FunctionState> before = aws.account().state();
        String key = decideOnTheReviewPage(runId, planDigest(runId), Instant.now().plus(1, ChronoUnit.HOURS));

        CliAcceptanceTest.Result apply = fleetopt("apply", "--stack", "fleetopt", "--run", runId);

        assertEquals(0, apply.exitCode(), apply.out() + apply.err());
        assertTrue(apply.out().contains("Applying decision s3://" + BUCKET + "/" + key + " by approver@example.com, decided at "),
                apply.out());
        // the run's prompt recorded "none" as decision.json and decisions/terminal.json: older, and named
        assertTrue(apply.out().contains("the newest of the run's 3 decisions of a person; also recorded: runs/" + runId
                + "/decision.json, runs/" + runId + "/decisions/terminal.json"), apply.out());
        List<LedgerEntry> applied = ledger(runId).stream().filter(e -> e.action() == LedgerAction.APPLIED).toList();
        assertFalse(applied.isEmpty(), apply.out());
        assertTrue(applied.stream().allMatch(e -> e.actor().equals("approver@example.com") && e.decisionKey().equals(key)),
                applied.toString());
        assertFalse(before.equals(aws.account().state()), "the approved changes are live");
    }

    @Test
    void applyWithoutOptionsRefusesTwoReviewPageDecisionsOfOneRunBecauseOnlyTheApprovalsTableKnowsWhichWonTheRace() {
        String runId = runApprovingNothing();
        Map<String, SimulatedAwsAccount.FunctionState> before = aws.account().state();
        String first = decideOnTheReviewPage(runId, planDigest(runId), Instant.now().plus(1, ChronoUnit.HOURS));
        String second = decideOnTheReviewPage(runId, planDigest(runId), Instant.now().plus(1, ChronoUnit.HOURS).plusMillis(40));

        CliAcceptanceTest.Result apply = fleetopt("apply", "--stack", "fleetopt", "--run", runId);

        assertEquals(2, apply.exitCode(), apply.out() + apply.err());
        assertTrue(apply.err().contains("run '" + runId + "' has 2 decisions from the review page (" + first + ", " + second
                + "): it takes one answer per run, so two answers raced"), apply.err());
        assertTrue(apply.err().contains("nothing was applied. Decide here with --all or --approve ID,..."), apply.err());
        assertEquals(before, aws.account().state(), "nothing changed");
        assertTrue(ledger(runId).stream().noneMatch(e -> e.action() == LedgerAction.APPLIED), "nothing ledgered");
    }

    @Test
    void applyWithoutOptionsOnARunWithoutADecisionExitsTwoNamingWhereItLookedAndHowToDecide() {
        String runId = "2026-11-02-none";
        try (DocumentCodec codec = new DocumentCodec()) {
            s3.put(BUCKET + "/" + io.fleetopt.core.port.ArtifactKeys.plan(runId), codec.write(new io.fleetopt.core.model.Plan(
                    io.fleetopt.core.model.Plan.SCHEMA_VERSION, runId, Instant.parse("2026-11-02T06:00:00Z"), List.of(), List.of(),
                    new io.fleetopt.core.model.PlanTotals(0, 0, 0, 0, 0, BigDecimal.ZERO, Map.of(), Map.of()), List.of())));
        }

        CliAcceptanceTest.Result apply = fleetopt("apply", "--stack", "fleetopt", "--run", runId);

        assertEquals(2, apply.exitCode(), apply.out() + apply.err());
        assertEquals("fleetopt: run '" + runId + "' has no decision of a person in s3://" + BUCKET + "/runs/" + runId
                + "/decision.json or below s3://" + BUCKET + "/runs/" + runId + "/decisions/: decide with --all or --approve ID,...",
                apply.err().strip());
    }

    @Test
    void aRecordedDecisionOfAnotherPlanIsRefusedAndNothingIsApplied() {
        String runId = runApprovingNothing();
        Map<String, SimulatedAwsAccount.FunctionState> before = aws.account().state();
        decideOnTheReviewPage(runId, "sha256:" + "0".repeat(64), Instant.now().plus(1, ChronoUnit.HOURS));

        CliAcceptanceTest.Result apply = fleetopt("apply", "--stack", "fleetopt", "--run", runId);

        assertEquals(2, apply.exitCode(), apply.out() + apply.err());
        assertTrue(apply.err().contains("planDigest: is 'sha256:" + "0".repeat(64) + "', but the plan's digest is now"), apply.err());
        assertTrue(apply.err().contains("(nothing was applied)"), apply.err());
        assertEquals(before, aws.account().state());
        assertEquals(0, count(ledger(runId), LedgerAction.INTENT), "nothing written ahead either");
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

    // fleetopt report --stack NAME: read-only, from the stack's bucket

    private String object(String key) {
        String content = s3.objects().get(BUCKET + "/" + key);
        assertTrue(content != null, "no " + key + " in " + s3.objects().keySet());
        return content;
    }

    /** The calls that reached S3 (the in-memory S3 behind WireMock) and DynamoDB, from the serve events' start. */
    private List<String> writesToTheStack() {
        List<String> writes = new ArrayList<>();
        s3Server.getAllServeEvents().forEach(call -> {
            String method = call.getRequest().getMethod().value();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                writes.add(method + " " + call.getRequest().getUrl());
            }
        });
        aws.server().getAllServeEvents().forEach(call -> {
            String target = String.valueOf(call.getRequest().getHeader("X-Amz-Target"));
            if (target.startsWith("DynamoDB_20120810.") && !target.endsWith(".GetItem") && !target.endsWith(".Query")) {
                writes.add(target);
            }
        });
        return writes;
    }

    @Test
    void aDeployedRunsReportIsReadFromTheStacksBucketAndWritesNothingToTheStack() throws IOException {
        String runId = runWithTheStack().split("\n", 2)[0];
        String savingsKey = "runs/" + runId + "/savings.json";
        SavingsReport stored;
        FleetSnapshot snapshot;
        try (DocumentCodec codec = new DocumentCodec()) {
            SavingsReport checked = codec.read(object(savingsKey), SavingsReport.class, "savings");
            // figures that only the bucket's document has: the run's own check found nothing realized yet
            stored = new SavingsReport(checked.schemaVersion(), checked.runId(), checked.generatedAt(), checked.changeSets(),
                    new BigDecimal("1234.56"), checked.costExplorer(), checked.usageMetricsRead(), checked.weeks());
            s3.put(BUCKET + "/" + savingsKey, codec.write(stored));
            snapshot = codec.read(object("runs/" + runId + "/snapshot.json"), FleetSnapshot.class, "snapshot");
        }
        s3Server.resetRequests();
        aws.server().resetRequests();

        CliAcceptanceTest.Result md = fleetopt("report", "--stack", "fleetopt", "--output", "md");
        assertEquals(0, md.exitCode(), md.out() + md.err());
        assertTrue(md.out().startsWith("# Lambda savings report\n\nAccount AWS account " + snapshot.accountId() + " · run " + runId),
                md.out());
        assertTrue(md.out().contains("| Realized this week | **" + Money.usd(stored.realizedMonthlyUsd()) + "/month** ("
                + stored.changeSets().size() + " earlier change sets"), md.out());

        CliAcceptanceTest.Result json = fleetopt("report", "--stack", "fleetopt", "--run", runId, "--output", "json");
        assertEquals(0, json.exitCode(), json.out() + json.err());
        try (DocumentCodec codec = new DocumentCodec()) {
            WeeklyReport report = codec.read(json.out(), WeeklyReport.class, "report --output json");
            assertEquals(runId, report.runId());
            assertEquals("AWS account " + snapshot.accountId(), report.account());
            assertEquals(stored.realizedMonthlyUsd(), report.headline().realizedMonthlyUsd());
            assertEquals(stored.generatedAt(), report.generatedAt());
        }

        Map<String, String> bucketBefore = s3.objects();
        CliAcceptanceTest.Result html = fleetopt("report", "--stack", "fleetopt");
        assertEquals(0, html.exitCode(), html.out() + html.err());
        Path page = Path.of(html.out().strip());
        assertEquals(stateDir.resolve("artifacts/runs/" + runId + "/report.html"), page);
        assertTrue(Files.readString(page).startsWith("<!doctype html>"));
        assertTrue(Files.readString(page).contains("AWS account " + snapshot.accountId()));

        assertEquals(bucketBefore, s3.objects(), "the bucket is unchanged");
        assertEquals(List.of(), writesToTheStack(), "no PutObject reached S3, no lease or ledger write reached DynamoDB");
    }

    @Test
    void withoutRunTheReportIsTheRunWhoseSavingsCheckWasWrittenLastOverEveryPageOfTheListing() {
        String first = runWithTheStack().split("\n", 2)[0];
        String second = runWithTheStack().split("\n", 2)[0];
        assertFalse(first.equals(second));
        java.util.function.Function<CliAcceptanceTest.Result, String> runOf = result -> {
            assertEquals(0, result.exitCode(), result.out() + result.err());
            Matcher run = Pattern.compile("· run (\\S+) ").matcher(result.out());
            assertTrue(run.find(), result.out());
            return run.group(1);
        };

        assertEquals(second, runOf.apply(fleetopt("report", "--stack", "fleetopt", "--output", "md")), "the later run");

        // the first run's savings check rewritten later: it is the latest, whatever the run ids' order
        Instant later = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        s3.lastModified(BUCKET + "/runs/" + first + "/savings.json", later);
        assertEquals(first, runOf.apply(fleetopt("report", "--stack", "fleetopt", "--output", "md")));

        // one key (or run prefix) a page: runs/ lists over several pages, with S3's continuation tokens
        s3.pageSize(1);
        s3Server.resetRequests();
        assertEquals(first, runOf.apply(fleetopt("report", "--stack", "fleetopt", "--output", "md")));
        long pagesWithAToken = s3Server.getAllServeEvents().stream()
                .filter(call -> call.getRequest().queryParameter("list-type").isPresent()
                        && call.getRequest().queryParameter("continuation-token").isPresent())
                .count();
        assertTrue(pagesWithAToken >= 2, "runs/ holds 2 run prefixes and learned-responses.json: " + pagesWithAToken + " pages after the first");

        // the same LastModified: the greater key wins
        s3.lastModified(BUCKET + "/runs/" + second + "/savings.json", later);
        String greater = first.compareTo(second) > 0 ? first : second;
        assertEquals(greater, runOf.apply(fleetopt("report", "--stack", "fleetopt", "--output", "md")));
    }

    @Test
    void aReportOnAStackThatDoesNotExistNamesTheStackAndTheRegion() {
        CliAcceptanceTest.Result report = fleetopt("report", "--stack", "fleetopt-typo", "--output", "md");

        assertEquals(2, report.exitCode(), report.out() + report.err());
        assertEquals("fleetopt: no CloudFormation stack 'fleetopt-typo' in us-east-1 (check --stack, and --region for the stack's"
                + " region)", report.err().strip());
    }

    @Test
    void aStackWithoutARunOrARunWithoutASavingsCheckIsNamedWithItsBucketOrKey() {
        CliAcceptanceTest.Result none = fleetopt("report", "--stack", "fleetopt", "--output", "md");
        assertEquals(2, none.exitCode(), none.out() + none.err());
        assertEquals("fleetopt: no run with a savings check in s3://" + BUCKET + "/runs yet: run `fleetopt run --stack fleetopt` first",
                none.err().strip());

        CliAcceptanceTest.Result named = fleetopt("report", "--stack", "fleetopt", "--run", "2026-01-01-0000", "--output", "json");
        assertEquals(2, named.exitCode(), named.out() + named.err());
        assertTrue(named.err().contains("run 2026-01-01-0000 has no savings check (s3://" + BUCKET
                + "/runs/2026-01-01-0000/savings.json)"), named.err());
        assertEquals("", named.out());
    }

    @Test
    void aDeniedListingOrReadExitsThreeNamingTheCall() {
        String denied = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied"
                + "</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";
        aws.server().stubFor(get(urlPathMatching("/" + BUCKET + "/?")).atPriority(0).withQueryParam("list-type", equalTo("2"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/xml").withBody(denied)));
        CliAcceptanceTest.Result listing = fleetopt("report", "--stack", "fleetopt", "--output", "md");
        assertEquals(3, listing.exitCode(), listing.out() + listing.err());
        assertTrue(listing.err().startsWith("fleetopt: access denied: the credentials may not call s3:ListBucket on bucket " + BUCKET
                + " (ListObjectsV2"), listing.err());

        aws.server().stubFor(get(urlPathMatching("/" + BUCKET + "/runs/2026-11-02-3fa9/savings.json")).atPriority(0)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/xml").withBody(denied)));
        CliAcceptanceTest.Result read = fleetopt("report", "--stack", "fleetopt", "--run", "2026-11-02-3fa9", "--output", "md");
        assertEquals(3, read.exitCode(), read.out() + read.err());
        assertTrue(read.err().startsWith("fleetopt: access denied: the credentials may not call s3:GetObject"), read.err());
        assertTrue(read.err().contains("on s3://" + BUCKET + "/runs/2026-11-02-3fa9/savings.json"), read.err());
    }

    @Test
    void aReportWithStackIsOfARealAccountNotTheDemo() {
        CliAcceptanceTest.Result report = fleetopt(List.of("report", "--demo", "--stack", "fleetopt", "--state-dir", stateDir.toString()));

        assertEquals(2, report.exitCode(), report.out() + report.err());
        assertEquals("fleetopt: --stack uses a deployed stack's bucket and ledger on a real account; drop it, or drop --demo",
                report.err().strip());
    }

    // a weekly run over member accounts: its index and savings check in the bucket, its changes in the stack's ledger

    private MemberRunDocuments storeMemberRun(String run) {
        MemberRunDocuments docs = MemberRunDocuments.of(run, 3, true);
        try (DocumentCodec codec = new DocumentCodec()) {
            s3.put(BUCKET + "/runs/" + run + "/index.json", codec.write(docs.index()));
            s3.put(BUCKET + "/runs/" + run + "/savings.json", codec.write(docs.savings()));
        }
        DynamoDbChangeLedger ledger = new DynamoDbChangeLedger(dynamo, TABLE);
        docs.ledger().forEach(ledger::append);
        return docs;
    }

    @Test
    void aMemberAccountsRunsReportIsReadFromTheStacksBucketAndLedgerAndWritesNothingToTheStack() throws IOException {
        String run = "2026-11-30-org1";
        MemberRunDocuments docs = storeMemberRun(run);
        Map<String, String> bucketBefore = s3.objects();
        s3Server.resetRequests();
        aws.server().resetRequests();

        CliAcceptanceTest.Result json = fleetopt("report", "--stack", "fleetopt", "--output", "json");
        assertEquals(0, json.exitCode(), json.out() + json.err());
        try (DocumentCodec codec = new DocumentCodec()) {
            WeeklyReport report = codec.read(json.out(), WeeklyReport.class, "report --output json");
            assertEquals(run, report.runId());
            assertEquals("3 member accounts of stack fleetopt", report.account());
            assertEquals(docs.index().totals().functionCount(), report.accounts().totals().functions());
            assertEquals(docs.index().totals().itemCount(), report.accounts().totals().items());
            assertEquals(0, docs.index().totals().monthlySavingUsd().compareTo(report.accounts().totals().plannedMonthlyUsd()));
            assertEquals(1, report.accounts().totals().changesApplied(), "the change in the stack's ledger, by run");
            assertEquals(new BigDecimal("9.75"), report.accounts().totals().appliedMonthlyUsd());
            assertEquals(docs.index().failedTargets(), report.accounts().notCollected());
        }

        CliAcceptanceTest.Result md = fleetopt("report", "--stack", "fleetopt", "--run", run, "--output", "md");
        assertEquals(0, md.exitCode(), md.out() + md.err());
        assertTrue(md.out().contains("| " + MemberRunDocuments.account(0) + " | us-east-1 | 40 | 5 | 2 | $11.40/month | 1, $9.75/month | - |"),
                md.out());
        assertTrue(md.out().contains("### Not collected (1)"), md.out());

        CliAcceptanceTest.Result html = fleetopt("report", "--stack", "fleetopt");
        assertEquals(0, html.exitCode(), html.out() + html.err());
        assertEquals(stateDir.resolve("artifacts/runs/" + run + "/report.html"), Path.of(html.out().strip()));

        assertEquals(bucketBefore, s3.objects(), "the bucket is unchanged");
        assertEquals(List.of(), writesToTheStack(), "no PutObject reached S3, no lease or ledger write reached DynamoDB");
        assertTrue(aws.server().getAllServeEvents().stream().anyMatch(call -> "DynamoDB_20120810.Query".equals(
                call.getRequest().getHeader("X-Amz-Target"))), "the run's changes were read from the stack's ledger");
    }

    @Test
    void aMemberAccountsRunsReportWithoutLedgerReadsExitsThreeNamingTheAction() {
        storeMemberRun("2026-11-30-org1");
        aws.server().stubFor(post(urlEqualTo("/")).atPriority(0).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.Query"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"User: arn:aws:iam::"
                                + "123456789012:user/ana is not authorized to perform: dynamodb:Query\"}")));

        CliAcceptanceTest.Result md = fleetopt("report", "--stack", "fleetopt", "--output", "md");

        assertEquals(3, md.exitCode(), md.out() + md.err());
        assertTrue(md.err().startsWith("fleetopt: access denied: the credentials may not call dynamodb:Query on the stack's ledger table"),
                md.err());
        assertEquals("", md.out());
    }

    /** A member account's function as its member role sees it (Lambda's REST-JSON), answering only that account's ARN. */
    private void memberFunction(String account, int memoryMb) {
        String path = "/2015-03-31/functions/arn(%3A|:)aws(%3A|:)lambda(%3A|:)us-east-1(%3A|:)" + account + "(%3A|:)function(%3A|:)orders";
        String configuration = "{\"FunctionName\": \"orders\", \"FunctionArn\": \"arn:aws:lambda:us-east-1:" + account
                + ":function:orders\", \"MemorySize\": %d, \"Timeout\": 30, \"RevisionId\": \"r2\", \"LastUpdateStatus\": \"Successful\"}";
        aws.server().stubFor(get(urlPathMatching(path)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"Configuration\": " + configuration.formatted(memoryMb)
                        + ", \"Tags\": {}}")));
        aws.server().stubFor(get(urlPathMatching("/2017-03-31/tags/arn(%3A|:)aws(%3A|:)lambda(%3A|:)us-east-1(%3A|:)" + account
                + "(%3A|:)function(%3A|:)orders")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"Tags\": {}}")));
        aws.server().stubFor(get(urlPathMatching(path + "/configuration")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(configuration.formatted(1024))));
        aws.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathMatching(path + "/configuration")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(configuration.formatted(1024).replace("\"r2\"", "\"r3\""))));
        aws.server().stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=AssumeRole"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(recordedSts("AssumeRole.xml"))));
        aws.server().stubFor(post(urlEqualTo("/")).atPriority(0).withRequestBody(containing("Action=DescribeStacks"))
                .withRequestBody(containing("StackName=fleetopt-org"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody(StackOutputsTest.recorded("DescribeStacks-member-accounts.xml"))));
    }

    private static String recordedSts(String name) {
        try (java.io.InputStream in = StackOnAwsTest.class.getResourceAsStream("/aws/sts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<com.github.tomakehurst.wiremock.verification.LoggedRequest> memberWrites() {
        return aws.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                urlPathMatching("/2015-03-31/functions/.*" + MemberRunDocuments.account(0) + ".*orders/configuration")));
    }

    @Test
    void aMemberAccountsChangeOfADeployedRunIsRolledBackThroughTheMemberRoleTheStacksOutputsName() {
        String run = "2026-11-30-org2";
        storeMemberRun(run);
        memberFunction(MemberRunDocuments.account(0), 512);

        CliAcceptanceTest.Result rollback = fleetopt("rollback", "--stack", "fleetopt-org", "--run", run);

        assertEquals(0, rollback.exitCode(), rollback.out() + rollback.err());
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> assumed = aws.server().findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(containing("Action=AssumeRole")));
        assertEquals(1, assumed.size());
        String form = java.net.URLDecoder.decode(assumed.getFirst().getBodyAsString(), StandardCharsets.UTF_8);
        assertTrue(form.contains("RoleArn=arn:aws:iam::" + MemberRunDocuments.account(0) + ":role/fleetopt-member")
                && form.contains("ExternalId=ext-7f3a"), form);
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> writes = memberWrites();
        assertEquals(1, writes.size());
        assertTrue(writes.getFirst().getBodyAsString().contains("\"MemorySize\":1024"), writes.getFirst().getBodyAsString());
        assertTrue(writes.getFirst().getHeader("Authorization").contains("Credential=ASIAMEMBERROLE0EXAMPLE/"),
                "signed with the member role's key: " + writes.getFirst().getHeader("Authorization"));
        assertEquals(1, count(ledger(run), LedgerAction.ROLLED_BACK));
    }

    @Test
    void aMemberAccountsChangeOnAStackWithoutMemberRoleOutputsIsRefusedNamingThemAndNothingIsWritten() {
        String run = "2026-11-30-org3";
        storeMemberRun(run);
        memberFunction(MemberRunDocuments.account(0), 512);

        CliAcceptanceTest.Result rollback = fleetopt("rollback", "--stack", "fleetopt", "--run", run);

        assertEquals(1, rollback.exitCode(), rollback.out() + rollback.err());
        assertTrue(rollback.out().contains("orders is in member account " + MemberRunDocuments.account(0))
                && rollback.out().contains("stack fleetopt's outputs (MemberRoleExternalId, MemberRoleName, MemberRolePartition)"),
                rollback.out());
        assertEquals(List.of(), memberWrites());
        assertEquals(0, count(ledger(run), LedgerAction.ROLLBACK_INTENT));
    }
}
