package io.fleetopt.infra.e2e;

import io.fleetopt.applier.ApplyGuards;
import io.fleetopt.applier.AliasRelease;
import io.fleetopt.applier.CanaryPromotion;
import io.fleetopt.applier.aws.LambdaAliasRouter;
import io.fleetopt.core.model.AliasDelivery;
import io.fleetopt.core.model.FunctionAlias;
import io.fleetopt.core.model.PublishedVersion;
import io.fleetopt.core.port.AliasMove;
import io.fleetopt.core.port.AliasRouting;
import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.applier.GuardSettings;
import io.fleetopt.applier.AlarmRollbackResult;
import io.fleetopt.applier.AlarmRollbackVerdict;
import io.fleetopt.applier.AlarmStateChangeEvent;
import io.fleetopt.applier.Rollback;
import io.fleetopt.applier.RollbackHandler;
import io.fleetopt.applier.RunEvidence;
import io.fleetopt.applier.StepHook;
import io.fleetopt.core.scope.Scope;
import io.fleetopt.applier.aws.LambdaFunctionConfigurator;
import io.fleetopt.aws.DynamoDbChangeLedger;
import io.fleetopt.aws.DynamoDbRunLease;
import io.fleetopt.aws.S3ArtifactStore;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.model.SkippedFunction;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.infra.FleetoptSettings;
import io.fleetopt.infra.FleetoptStack;
import io.fleetopt.infra.StageFunction;
import io.fleetopt.infra.SynthesizedStack;
import io.fleetopt.infra.statemachine.HandlerBridge;
import io.fleetopt.infra.statemachine.LocalExecution;
import io.fleetopt.infra.statemachine.NodeTools;
import io.fleetopt.notifier.approval.PendingApproval;
import io.fleetopt.notifier.aws.DynamoDbPendingApprovals;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployed weekly run on an emulated AWS account: moto's server (a stateful emulator this project did not write)
 * holds a small fleet, the artifact bucket, the ledger table created from the CDK app's own definition, and the
 * two topics with an SQS subscriber each; statemachine.asl.json runs in aws-local-stepfunctions, every Task calling
 * the real handler in AWS mode with the environment the CDK app gives its function, pointed at moto. RequestApproval
 * keeps the task token in the approvals table (created from the template) and signs the review link with the key
 * in Secrets Manager; the approver's SendTaskSuccess is scripted (moto's Step Functions cannot resume an execution
 * run by aws-local-stepfunctions: see docs/emulator-gaps.md). Everything is asserted on moto's
 * state: a before/after diff of every setting of every function, the ledger items, the alarms, the messages the
 * subscribers got, the documents in the bucket; then the applier's rollback restores the fleet exactly. Each stage
 * signs as an IAM user whose policy is its synthesized role's, with moto checking IAM, so a missing grant fails as
 * on AWS (by action: moto does not evaluate resources but S3's, nor conditions); every AWS call each stage made is
 * also checked against its role's grants. Functions invoked through an alias get their changes as a published version
 * and a canary move of the alias, promoted a day later or moved back by a rollback, all asserted on moto's aliases
 * and versions.
 *
 * <p>Where moto differs from AWS, a start-up patch makes it answer as AWS does (never the production code looser):
 * Lambda RevisionId and its precondition, TracingConfig updates, GetAccountSettings, provisioned concurrency (none),
 * alias revision ids and UpdateAlias's precondition, PublishVersion's preconditions,
 * percentile statistics in GetMetricData, the collector's Logs Insights query, the age of the seeded functions, and
 * moto's SigV4 check of encoded paths and body-less GETs.
 * See docs/emulator-gaps.md and src/test/resources/moto/fleetopt_moto_server.py.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsWeeklyRunTest {

    private static final Path REPO = SynthesizedStack.repoRoot();
    private static final int SEVENTY_TWO_HOURS = 72 * 3600;
    private static final String BUCKET = "fleetopt-artifacts-e2e";
    private static final String TABLE = "fleetopt-ledger-e2e";
    private static final String APPROVALS_TABLE = "fleetopt-approvals-e2e";
    /** The review endpoint's function URL, which RequestApproval links to (the scripted approver does not open it). */
    private static final String REVIEW_URL = "https://e2e-review.lambda-url.us-east-1.on.aws/";
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final FleetoptSettings SETTINGS = new FleetoptSettings(List.of("ops@example.com"),
            FleetoptSettings.WEEKLY_SCHEDULE, List.of("team=payments"), List.of(), List.of(MotoServer.REGION), List.of(),
            72, 30, 90);

    /** In scope: changed as approved. Left alone: skip-tagged, too new, out of scope, the optimizer's own. */
    private static final List<SeedFunction> FLEET = List.of(
            new SeedFunction("orders-api", 1024, 30, "PassThrough", null, Map.of("team", "payments", "env", "prod"),
                    null, 14, 200_000, 120, 900, 180, SeedFunction.Evidence.LAMBDA_INSIGHTS),
            new SeedFunction("orders-worker", 2048, 300, "PassThrough", null, Map.of("team", "payments", "env", "dev"),
                    3653, 14, 5_000, 2_000, 5_000, 300, SeedFunction.Evidence.REPORT_LINES),
            new SeedFunction("payments-ledger", 1536, 60, "PassThrough", null,
                    Map.of("team", "payments", "fleetopt:skip", "true"), null, 14, 10_000, 200, 1_000, 200,
                    SeedFunction.Evidence.LAMBDA_INSIGHTS),
            new SeedFunction("payments-new", 1024, 30, "PassThrough", null, Map.of("team", "payments"), null, 3, 1_000,
                    100, 200, 150, SeedFunction.Evidence.LAMBDA_INSIGHTS),
            new SeedFunction("reports-batch", 3008, 900, "PassThrough", 10, Map.of("team", "analytics"), null, 14, 500,
                    60_000, 120_000, 400, SeedFunction.Evidence.LAMBDA_INSIGHTS),
            new SeedFunction("fleetopt-Collect", 2048, 900, "Active", null,
                    Map.of("team", "payments", "fleetopt:component", "collector/Collect"), 30, 14, 1, 60_000, 120_000, 500,
                    SeedFunction.Evidence.LAMBDA_INSIGHTS));

    private NodeTools node;
    private MotoServer moto;
    private EmulatedAccount account;
    private SynthesizedStack synth;
    private DocumentCodec codec;
    private String approvalQueue;
    private String notificationQueue;
    private String notificationTopicArn;
    private Map<String, Map<String, Object>> environments;
    private final Map<String, EmulatedAccount.AccessKey> stageKeys = new LinkedHashMap<>();

    @BeforeAll
    void startEmulatorAndSeedTheAccount(@TempDir Path dir) throws IOException {
        node = NodeTools.installed(REPO);
        moto = MotoServer.start(Files.createDirectories(dir.resolve("moto")), 30);
        System.setProperty("aws.region", MotoServer.REGION);
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        codec = new DocumentCodec();
        account = new EmulatedAccount(moto.endpoint(), EmulatedAccount.AccessKey.UNCHECKED);
        synth = SynthesizedStack.of(SETTINGS, dir.resolve("synth"));

        account.seedFleet(FLEET, Instant.now());
        account.createBucket(BUCKET);
        account.createTable(TABLE, tableProperties("Ledger"));
        account.createTable(APPROVALS_TABLE, tableProperties("ReviewEndpointApprovals"));
        String linkKeyArn = account.createLinkKey("fleetopt-review-link-key-e2e");
        EmulatedAccount.Subscribed approvals = account.topicWithSubscriber("fleetopt-approvals");
        EmulatedAccount.Subscribed notifications = account.topicWithSubscriber("fleetopt-notifications");
        approvalQueue = approvals.queueUrl();
        notificationQueue = notifications.queueUrl();
        notificationTopicArn = notifications.topicArn();
        environments = functionEnvironments(Map.of("Artifacts", BUCKET, "Ledger", TABLE, "ApprovalTopic", approvals.topicArn(),
                "NotificationTopic", notifications.topicArn(), "ReviewEndpointApprovals", APPROVALS_TABLE,
                "ReviewEndpointLinkKey", linkKeyArn, "ReviewEndpointAliasFunctionUrl", REVIEW_URL));
        // each stage signs with its own user, whose policy is the one synthesized for its role (as moto can evaluate
        // it: see stagePolicy); the test itself signs as an administrator
        EmulatedAccount.AccessKey admin = account.userWithPolicy("e2e-admin",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        for (StageFunction stage : FleetoptStack.allFunctions()) {
            stageKeys.put(stage.state(), account.userWithPolicy("fleetopt-" + stage.state(), stagePolicy(stage.state())));
        }
        account.enforceIam();
        account.close();
        account = new EmulatedAccount(moto.endpoint(), admin);
        AwsCallRecorder.reset();
    }

    /** The properties the template gives the table whose logical id starts with {@code idPrefix}. */
    private Map<String, Object> tableProperties(String idPrefix) {
        return SynthesizedStack.properties(synth.resources("AWS::DynamoDB::Table").entrySet().stream()
                .filter(e -> e.getKey().startsWith(idPrefix)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("the template has no table " + idPrefix + "...")));
    }

    /** The Allow statements the template gives the stage's role, as moto can evaluate them ({@link MotoPolicy}). */
    private String stagePolicy(String state) {
        return MotoPolicy.of(synth.statementsOfRole(state + "Role"));
    }

    /** Before a stage's handler runs, its SDK clients sign with its user's key (the default chain reads it). */
    private HandlerBridge.Observer signAsTheStage() {
        HandlerBridge.Observer recorder = AwsCallRecorder.observer();
        return new HandlerBridge.Observer() {
            @Override
            public void entering(String state) {
                EmulatedAccount.AccessKey key = stageKeys.get(state);
                System.setProperty("aws.accessKeyId", key.id());
                System.setProperty("aws.secretAccessKey", key.secret());
                recorder.entering(state);
            }

            @Override
            public void left(String state) {
                recorder.left(state);
            }
        };
    }

    @AfterAll
    void stopEmulator() {
        System.clearProperty("aws.region");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (account != null) {
            account.close();
        }
        if (moto != null) {
            moto.close();
        }
        if (codec != null) {
            codec.close();
        }
    }

    @Test
    void approvedChangesAreLiveEverythingElseIsUnchangedAndRollbackRestoresTheFleetExactly() throws IOException {
        String runId = LocalDate.now(ZoneOffset.UTC) + "-e2e";
        AwsCallRecorder.reset();
        account.drain(approvalQueue);
        account.drain(notificationQueue);
        FleetState before = FleetState.read(account);
        S3ArtifactStore store = new S3ArtifactStore(account.s3, BUCKET);

        long started = System.nanoTime();
        LocalExecution execution;
        try (HandlerBridge bridge = new HandlerBridge(this::contextOf,
                payload -> HandlerBridge.approveEverything(payload, store), HandlerBridge.NO_FAULT, signAsTheStage(), store)) {
            execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);
            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause() + "\n" + moto.log());
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "AutoApply", "RequestApproval",
                    "RecordApplyResult", "WireAlarms", "NotifySummary"),
                    bridge.statesCalled().stream().filter(s -> !s.equals("ApplyItem")).toList());
        }
        Duration runTime = Duration.ofNanos(System.nanoTime() - started);

        // what the collector read: the functions in scope, memory from Lambda Insights and from Logs Insights
        FleetSnapshot snapshot = codec.read(store.get(ArtifactKeys.snapshot(runId)).orElseThrow(), FleetSnapshot.class, "snapshot");
        Map<String, FunctionProfile> collected = snapshot.functions().stream()
                .collect(Collectors.toMap(FunctionProfile::name, p -> p));
        assertEquals(FLEET.stream().map(SeedFunction::name).collect(Collectors.toSet()), collected.keySet());
        assertEquals(MemorySource.LAMBDA_INSIGHTS, collected.get("orders-api").metrics().memorySource());
        assertEquals(MemorySource.LOGS_INSIGHTS, collected.get("orders-worker").metrics().memorySource());
        assertEquals(300, collected.get("orders-worker").metrics().maxMemoryUsedMb());

        // the plan the approver approved, and what the applier says it did
        Plan plan = codec.read(store.get(ArtifactKeys.plan(runId)).orElseThrow(), Plan.class, "plan");
        Map<String, String> leftAlone = plan.skipped().stream()
                .collect(Collectors.toMap(SkippedFunction::functionName, SkippedFunction::reason));
        assertTrue(leftAlone.keySet().containsAll(List.of("payments-ledger", "payments-new", "fleetopt-Collect")), leftAlone.toString());
        List<Recommendation> approved = plan.applicableItems();
        Set<RecommendationKind> kinds = approved.stream().map(Recommendation::kind).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(kinds.containsAll(List.of(RecommendationKind.MEMORY, RecommendationKind.LOG_RETENTION, RecommendationKind.TRACING)),
                "the seeded fleet calls for memory, retention and tracing changes: " + describe(approved));
        Set<String> changed = approved.stream().map(Recommendation::functionName).collect(Collectors.toCollection(TreeSet::new));
        // payments-new has too little history for a memory or timeout change, but its log retention is a configuration
        // finding that needs no metrics, so it is changed too
        assertEquals(Set.of("orders-api", "orders-worker", "payments-new"), changed, describe(approved));
        assertEquals(List.of(RecommendationKind.LOG_RETENTION), approved.stream().filter(i -> i.functionName().equals("payments-new"))
                .map(Recommendation::kind).toList(), describe(approved));
        ApplyResult result = codec.read(store.get(ArtifactKeys.result(runId)).orElseThrow(), ApplyResult.class, "result");
        assertEquals(approved.size(), result.count(ApplyStatus.APPLIED), result.toString());

        // moto's state: every approved change is live, every other setting of every function is as it was
        FleetState expected = before;
        for (Recommendation item : approved) {
            expected = expected.with(item.functionName(), item.kind(), item.proposedValue());
        }
        FleetState after = FleetState.read(account);
        assertEquals(expected, after);

        // the ledger items are in the table, with the values they replaced
        DynamoDbChangeLedger ledger = new DynamoDbChangeLedger(account.dynamo, TABLE);
        // written ahead: each change's intent, then its completion
        List<LedgerEntry> entries = ledger.entriesOfRun(runId);
        assertEquals(2 * approved.size(), entries.size(), entries.toString());
        for (Recommendation item : approved) {
            List<LedgerAction> actions = entries.stream().filter(e -> e.itemId().equals(item.id())).map(LedgerEntry::action).toList();
            assertEquals(List.of(LedgerAction.INTENT, LedgerAction.APPLIED), actions, item.id());
            LedgerEntry entry = entries.stream().filter(e -> e.itemId().equals(item.id()) && e.action() == LedgerAction.APPLIED)
                    .findFirst().orElseThrow();
            assertEquals(before.functions().get(item.functionName()).get(item.kind().name()), entry.before(), item.id());
            assertEquals(item.proposedValue(), entry.after(), item.id());
        }

        // guard alarms on the functions whose change kinds have them (a retention change has none), to the notification topic
        List<MetricAlarm> alarms = account.cloudWatch.describeAlarmsPaginator(r -> r.alarmNamePrefix("fleetopt-"))
                .metricAlarms().stream().toList();
        Set<String> guarded = approved.stream().filter(i -> !SettingKinds.require(i.kind()).guardAlarms().isEmpty())
                .map(Recommendation::functionName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("orders-api", "orders-worker"), guarded);
        for (String function : guarded) {
            List<MetricAlarm> ofFunction = alarms.stream().filter(a -> a.dimensions().stream()
                    .anyMatch(d -> d.name().equals("FunctionName") && d.value().equals(function))).toList();
            assertFalse(ofFunction.isEmpty(), "no guard alarm on " + function + ": " + alarms);
            ofFunction.forEach(a -> assertEquals(List.of(notificationTopicArn), a.alarmActions(), a.alarmName()));
        }
        assertTrue(alarms.stream().allMatch(a -> a.dimensions().stream().anyMatch(d -> changed.contains(d.value()))),
                "alarms only on changed functions: " + alarms);

        // what the subscribers received
        List<Map<String, Object>> approvalMessages = envelopes(account.drain(approvalQueue));
        assertEquals(1, approvalMessages.size(), approvalMessages.toString());
        assertTrue(String.valueOf(approvalMessages.get(0).get("Subject")).contains("approval needed"), approvalMessages.toString());
        String approvalEmail = String.valueOf(approvalMessages.get(0).get("Message"));
        assertTrue(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(REVIEW_URL) + "review/" + runId
                + "\\?expires=\\d+&sig=[A-Za-z0-9_-]+").matcher(approvalEmail).find(), "a signed review link: " + approvalEmail);
        List<Map<String, Object>> notices = envelopes(account.drain(notificationQueue));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(String.valueOf(notices.get(0).get("Subject")).contains(approved.size() + " changes applied"), notices.toString());
        String summary = String.valueOf(notices.get(0).get("Message"));
        // the undo line names the deployed stack (its name and region from the function's environment); the command
        // line's --stack rollback it gives runs on the stack's ledger (cli: StackOnAwsTest runs it as printed)
        assertTrue(summary.contains("Undo this run's changes: fleetopt rollback --stack fleetopt --region us-east-1 --run " + runId),
                "the summary's undo command: " + summary);

        // the documents are in the bucket; the task token is in the approvals table only, never in the email
        for (String key : List.of(ArtifactKeys.snapshot(runId), ArtifactKeys.plan(runId), "runs/" + runId + "/decisions/review-page.json",
                ArtifactKeys.result(runId))) {
            assertTrue(store.get(key).isPresent(), "no " + key + " in the artifact bucket: " + keysOf(runId));
        }
        PendingApproval pending = new DynamoDbPendingApprovals(account.dynamo, APPROVALS_TABLE, codec).find(runId)
                .orElseThrow(() -> new AssertionError("no pending approval of " + runId + " in " + APPROVALS_TABLE)).pending();
        assertFalse(pending.taskToken().isBlank());
        assertFalse(approvalEmail.contains(pending.taskToken()), "the email holds no task token");

        // a guard alarm of orders-api goes into ALARM: the Rollback function's handler, in AWS mode with the environment
        // the stack gives it and signing as its role, gets the state change event and restores orders-api's changes
        List<Recommendation> ofOrdersApi = approved.stream().filter(i -> i.functionName().equals("orders-api")).toList();
        MetricAlarm guard = alarms.stream().filter(a -> a.alarmName().startsWith("fleetopt-orders-api-")).findFirst().orElseThrow();
        AlarmStateChangeEvent event = fire(guard);
        EmulatedAccount.AccessKey rollbackKey = stageKeys.get("Rollback");
        System.setProperty("aws.accessKeyId", rollbackKey.id());
        System.setProperty("aws.secretAccessKey", rollbackKey.secret());
        AlarmRollbackResult autoRolledBack;
        try (RollbackHandler handler = new RollbackHandler(contextOf("Rollback"))) {
            autoRolledBack = AwsCallRecorder.as("AutoRollback", () -> handler.execute(event));
            assertEquals(AlarmRollbackVerdict.ALREADY_HANDLED, AwsCallRecorder.as("AutoRollback", () -> handler.execute(event)).verdict(),
                    "the same event delivered again changes nothing");
        }
        assertEquals(AlarmRollbackVerdict.ROLLED_BACK, autoRolledBack.verdict(), autoRolledBack.detail());
        assertEquals(ofOrdersApi.size(), autoRolledBack.items().stream().filter(i -> i.status() == RollbackStatus.RESTORED).count());
        FleetState restoredOrdersApi = FleetState.read(account);
        assertEquals(before.functions().get("orders-api"), restoredOrdersApi.functions().get("orders-api"), "orders-api is as before the run");
        assertTrue(ledger.entriesOfRun(runId).stream().filter(e -> e.action() == LedgerAction.ROLLED_BACK)
                .allMatch(e -> e.functionName().equals("orders-api") && e.reason().startsWith("guard alarm " + guard.alarmName()
                        + " went into ALARM at ")), "the ledger says which alarm rolled orders-api back");
        List<Map<String, Object>> rollbackNotices = envelopes(account.drain(notificationQueue)).stream()
                .filter(n -> String.valueOf(n.get("Subject")).startsWith("fleetopt: rolled back")).toList();
        assertEquals(1, rollbackNotices.size(), "one notice for the event delivered twice: " + rollbackNotices);

        // rollback on the same account, through the applier's own code in AWS mode, signing as the applier
        RollbackResult undone;
        try (EmulatedAccount asApplier = new EmulatedAccount(moto.endpoint(), stageKeys.get("ApplyItem"))) {
            Rollback rollback = applierRollback(asApplier);
            RunEvidence evidence = RunEvidence.of(codec.read(store.get(ArtifactKeys.snapshot(runId)).orElseThrow(),
                    FleetSnapshot.class, "snapshot"));
            undone = AwsCallRecorder.as("Rollback", () -> rollback.rollback(runId, "e2e test (rollback)", evidence));
        }
        assertEquals(approved.size() - ofOrdersApi.size(), undone.count(RollbackStatus.RESTORED), undone.toString());
        assertEquals(ofOrdersApi.size(), undone.count(RollbackStatus.ALREADY_RESTORED), undone.toString());
        assertEquals(before, FleetState.read(account));
        assertEquals(approved.size(), ledger.entriesOfRun(runId).stream().filter(e -> e.action() == LedgerAction.ROLLED_BACK).count());

        Map<String, Map<String, Long>> calls = AwsCallRecorder.calls();
        assertEveryCallIsGranted(calls);
        report(runTime, calls, before, approved, leftAlone);
    }

    /** The event EventBridge delivers for {@code alarm}'s change into ALARM ("CloudWatch Alarm State Change"). */
    private static String alarmStateChangeEvent(MetricAlarm alarm) throws IOException {
        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC)
                .format(alarm.stateUpdatedTimestamp());
        Map<String, Object> detail = Map.of("alarmName", alarm.alarmName(),
                "state", Map.of("value", "ALARM", "reason", alarm.stateReason(), "timestamp", at),
                "previousState", Map.of("value", "OK", "timestamp", at),
                "configuration", Map.of("description", alarm.alarmDescription()));
        return new String(JSON.writeValueAsBytes(Map.of("version", "0", "id", java.util.UUID.randomUUID().toString(),
                "detail-type", "CloudWatch Alarm State Change", "source", "aws.cloudwatch", "account", MotoServer.ACCOUNT_ID,
                "time", alarm.stateUpdatedTimestamp().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                "region", MotoServer.REGION, "resources", List.of(alarm.alarmArn()), "detail", detail)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The applier's rollback in AWS mode, behind the guards of this deployment's scope (region, scope tag), moving aliases
     * back through the alias router as the deployed Rollback function and the command line do.
     */
    private static Rollback applierRollback(EmulatedAccount asApplier) {
        ApplyGuards guards = new ApplyGuards(GuardSettings.forScope(List.of(MotoServer.REGION),
                new Scope(List.of("team=payments"), List.of())));
        return new Rollback(new LambdaFunctionConfigurator(asApplier.lambda, asApplier.logs,
                LambdaFunctionConfigurator.UpdateWait.standard()), new DynamoDbChangeLedger(asApplier.dynamo, TABLE),
                guards, Clock.systemUTC(), StepHook.NONE, aliasRelease(asApplier));
    }

    private static AliasRelease aliasRelease(EmulatedAccount as) {
        return new AliasRelease(new LambdaAliasRouter(as.lambda, LambdaFunctionConfigurator.UpdateWait.standard()));
    }

    /**
     * In scope, and invoked only through alias {@value #ALIAS} (published version 1): seeded by the test that needs them
     * and removed after it, so the other tests' fleet is {@link #FLEET} whatever the order. The first one's canary is
     * rolled back by its guard alarm, the second one's promoted a day later, then rolled back.
     */
    private static final List<SeedFunction> ALIASED = List.of(
            new SeedFunction("checkout-api", 1024, 30, "PassThrough", null, Map.of("team", "payments", "env", "dev"), 30, 14,
                    200_000, 120, 900, 180, SeedFunction.Evidence.LAMBDA_INSIGHTS),
            new SeedFunction("cart-api", 2048, 60, "PassThrough", null, Map.of("team", "payments", "env", "dev"), 30, 14,
                    100_000, 200, 1_500, 300, SeedFunction.Evidence.LAMBDA_INSIGHTS));
    private static final String ALIAS = "live";

    @Test
    void changesToFunctionsInvokedThroughAnAliasReachItAsACanaryWhichIsPromotedADayLaterOrMovedBackByRollback()
            throws IOException {
        String runId = LocalDate.now(ZoneOffset.UTC) + "-alias";
        AwsCallRecorder.reset();
        Map<String, String> served = new TreeMap<>();
        try {
            for (SeedFunction f : ALIASED) {
                account.seedFunction(f, Instant.now());
                served.put(f.name(), account.publishWithAlias(f.name(), ALIAS));
                account.putInvocationsThrough(f, ALIAS, Instant.now());
            }
            account.drain(approvalQueue);
            account.drain(notificationQueue);
            FleetState before = FleetState.read(account);
            served.forEach((function, version) -> assertEquals("{live=" + FleetState.route(version, Map.of()) + "}",
                    before.functions().get(function).get(FleetState.ALIASES)));
            S3ArtifactStore store = new S3ArtifactStore(account.s3, BUCKET);
            try (HandlerBridge bridge = new HandlerBridge(this::contextOf,
                    payload -> HandlerBridge.approveEverything(payload, store), HandlerBridge.NO_FAULT, signAsTheStage(), store)) {
                LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);
                assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
            }
            FleetSnapshot snapshot = codec.read(store.get(ArtifactKeys.snapshot(runId)).orElseThrow(), FleetSnapshot.class, "snapshot");
            Plan plan = codec.read(store.get(ArtifactKeys.plan(runId)).orElseThrow(), Plan.class, "plan");
            ApplyResult result = codec.read(store.get(ArtifactKeys.result(runId)).orElseThrow(), ApplyResult.class, "result");
            List<Recommendation> approved = plan.applicableItems();
            assertEquals(approved.size(), result.count(ApplyStatus.APPLIED), result.toString());
            DynamoDbChangeLedger ledger = new DynamoDbChangeLedger(account.dynamo, TABLE);

            FleetState expected = before;
            for (Recommendation item : approved) {
                expected = expected.with(item.functionName(), item.kind(), item.proposedValue());
            }
            Map<String, String> released = new TreeMap<>();
            for (SeedFunction f : ALIASED) {
                String version = served.get(f.name());
                // the collector saw the alias carry the traffic (Invocations by the Resource dimension)
                FunctionProfile profile = snapshot.functions().stream().filter(p -> p.name().equals(f.name())).findFirst().orElseThrow();
                assertEquals(List.of(), profile.qualifiers().unknownFields(), profile.warnings().toString());
                FunctionAlias live = profile.trafficAlias().orElseThrow(() -> new AssertionError("no traffic alias: " + profile.qualifiers()));
                assertEquals(List.of(ALIAS, version, f.daysOfTraffic() * f.dailyInvocations()),
                        List.of(live.name(), live.functionVersion(), live.invocations()));

                // the plan says how its changes reach the traffic
                List<Recommendation> items = approved.stream().filter(i -> i.functionName().equals(f.name())).toList();
                Map<RecommendationKind, String> proposed = items.stream()
                        .collect(Collectors.toMap(Recommendation::kind, Recommendation::proposedValue));
                assertTrue(proposed.keySet().containsAll(List.of(RecommendationKind.MEMORY, RecommendationKind.TIMEOUT)), describe(items));
                assertTrue(items.stream().allMatch(i -> i.rationale().contains("Invoked through alias " + ALIAS)), describe(items));

                // each item's completion in the ledger carries its alias move, from where the item before left the alias
                List<AliasMove> moves = ledger.entriesOfRun(runId).stream()
                        .filter(e -> e.functionName().equals(f.name()) && e.action() == LedgerAction.APPLIED)
                        .map(LedgerEntry::aliasMove).toList();
                assertEquals(items.size(), moves.size(), moves.toString());
                AliasRouting from = AliasRouting.to(version);
                for (AliasMove move : moves) {
                    assertEquals(ALIAS, move.alias());
                    assertEquals(from, move.before(), moves.toString());
                    assertEquals(new AliasRouting(version, Map.of(move.publishedVersion(), AliasDelivery.CANARY_WEIGHT)), move.canary());
                    from = move.canary();
                }
                String last = moves.getLast().publishedVersion();
                assertEquals(String.valueOf(Integer.parseInt(version) + items.size()), last, "one version published per item");
                released.put(f.name(), last);

                // moto: the alias sends the canary's share to the last version, which has every approved setting (as
                // $LATEST has); the version that serves the rest is as it was
                GetAliasResponse canary = account.lambda.getAlias(r -> r.functionName(f.name()).name(ALIAS));
                assertEquals(version, canary.functionVersion());
                assertEquals(Map.of(last, AliasDelivery.CANARY_WEIGHT), canary.routingConfig().additionalVersionWeights());
                FunctionConfiguration published = account.lambda.getFunction(r -> r.functionName(f.name()).qualifier(last)).configuration();
                assertEquals(List.of(proposed.get(RecommendationKind.MEMORY), proposed.get(RecommendationKind.TIMEOUT)),
                        List.of(String.valueOf(published.memorySize()), String.valueOf(published.timeout())));
                assertTrue(published.description().startsWith(PublishedVersion.FLEETOPT_DESCRIPTION_PREFIX), published.description());
                FunctionConfiguration old = account.lambda.getFunction(r -> r.functionName(f.name()).qualifier(version)).configuration();
                assertEquals(List.of(f.memoryMb(), f.timeoutSeconds()), List.of(old.memorySize(), old.timeout()));
                expected = expected.withAliases(f.name(), Map.of(ALIAS, FleetState.route(version, Map.of(last, AliasDelivery.CANARY_WEIGHT))));
            }
            assertEquals(expected, FleetState.read(account));

            // during the canary, a guard alarm of checkout-api goes into ALARM: the Rollback function (its handler in AWS
            // mode, signing as its role) moves the alias back and restores $LATEST
            String rolledBack = ALIASED.get(0).name();
            MetricAlarm guard = account.cloudWatch.describeAlarmsPaginator(r -> r.alarmNamePrefix("fleetopt-" + rolledBack + "-"))
                    .metricAlarms().stream().findFirst().orElseThrow(() -> new AssertionError("no guard alarm on " + rolledBack));
            AlarmRollbackResult autoRolledBack = deliverToTheRollbackFunction(fire(guard));
            assertEquals(AlarmRollbackVerdict.ROLLED_BACK, autoRolledBack.verdict(), autoRolledBack.detail());
            FleetState afterAlarm = FleetState.read(account);
            assertEquals(before.functions().get(rolledBack), afterAlarm.functions().get(rolledBack), rolledBack + " is as before the run");

            // a day later, the next run's PromoteCanaries (its code, signing as its role) sends all of cart-api's alias
            // to the new version; checkout-api's canary was rolled back, so it is not promoted
            String promotedFunction = ALIASED.get(1).name();
            List<CanaryPromotion.Promotion> promotions;
            try (EmulatedAccount asPromoter = new EmulatedAccount(moto.endpoint(), stageKeys.get("PromoteCanaries"))) {
                CanaryPromotion promotion = new CanaryPromotion(aliasRelease(asPromoter), new DynamoDbChangeLedger(asPromoter.dynamo, TABLE),
                        Clock.offset(Clock.systemUTC(), CanaryPromotion.MIN_CANARY_AGE.plusHours(1)));
                promotions = AwsCallRecorder.as("PromoteCanaries", promotion::promote);
                assertEquals(List.of(), AwsCallRecorder.as("PromoteCanaries", promotion::promote), "promoting again promotes nothing more");
            }
            String promotedVersion = released.get(promotedFunction);
            assertEquals(List.of(new CanaryPromotion.Promotion(promotedFunction, ALIAS, promotedVersion, true,
                    "all of " + ALIAS + " now goes to version " + promotedVersion)), promotions);
            assertEquals(before.withAliases(promotedFunction, Map.of(ALIAS, FleetState.route(promotedVersion, Map.of())))
                            .functions().get(promotedFunction).get(FleetState.ALIASES),
                    FleetState.aliases(account, promotedFunction));
            assertEquals(afterAlarm.functions().get(rolledBack), FleetState.read(account).functions().get(rolledBack));

            // the run's rollback (the applier's code in AWS mode, signing as the applier) moves cart-api's alias back
            // from its promotion, exactly, and restores everything else; checkout-api's changes are already undone
            RollbackResult undone;
            try (EmulatedAccount asApplier = new EmulatedAccount(moto.endpoint(), stageKeys.get("ApplyItem"))) {
                RunEvidence evidence = RunEvidence.of(snapshot);
                undone = AwsCallRecorder.as("Rollback", () -> applierRollback(asApplier).rollback(runId, "e2e test (rollback)", evidence));
            }
            assertEquals(autoRolledBack.items().size(), undone.count(RollbackStatus.ALREADY_RESTORED), undone.toString());
            assertEquals(approved.size() - autoRolledBack.items().size(), undone.count(RollbackStatus.RESTORED), undone.toString());
            for (SeedFunction f : ALIASED) {
                GetAliasResponse restored = account.lambda.getAlias(r -> r.functionName(f.name()).name(ALIAS));
                assertEquals(served.get(f.name()), restored.functionVersion());
                assertEquals(Map.of(), restored.routingConfig() == null ? Map.of() : restored.routingConfig().additionalVersionWeights());
                // the versions it published stay (a version cannot be changed; nothing routes to them now)
                assertEquals(IntStream.rangeClosed(1, Integer.parseInt(released.get(f.name()))).mapToObj(String::valueOf).toList(),
                        account.lambda.listVersionsByFunctionPaginator(r -> r.functionName(f.name())).versions().stream()
                                .map(FunctionConfiguration::version).filter(v -> !v.equals("$LATEST")).toList());
            }
            assertEquals(before, FleetState.read(account));
            assertEveryCallIsGranted(AwsCallRecorder.calls());
            System.out.println("alias run on moto: published " + released + " over " + served + "; calls " + AwsCallRecorder.calls());
        } finally {
            for (SeedFunction f : ALIASED) {
                if (served.containsKey(f.name())) {
                    account.removeFunction(f);
                }
            }
            account.drain(approvalQueue);
            account.drain(notificationQueue);
        }
    }

    /** Puts {@code guard} into ALARM on moto; answers the event EventBridge delivers for it. */
    private AlarmStateChangeEvent fire(MetricAlarm guard) throws IOException {
        account.cloudWatch.setAlarmState(r -> r.alarmName(guard.alarmName()).stateValue(StateValue.ALARM)
                .stateReason("Threshold Crossed: 3 out of the last 3 datapoints were greater than or equal to the threshold"));
        MetricAlarm fired = account.cloudWatch.describeAlarms(r -> r.alarmNames(guard.alarmName())).metricAlarms().get(0);
        assertEquals(StateValue.ALARM, fired.stateValue());
        return codec.read(alarmStateChangeEvent(fired), AlarmStateChangeEvent.class, "the event");
    }

    /** The Rollback function's handler, in AWS mode with the environment the stack gives it, signing as its role. */
    private AlarmRollbackResult deliverToTheRollbackFunction(AlarmStateChangeEvent event) {
        EmulatedAccount.AccessKey rollbackKey = stageKeys.get("Rollback");
        System.setProperty("aws.accessKeyId", rollbackKey.id());
        System.setProperty("aws.secretAccessKey", rollbackKey.secret());
        try (RollbackHandler handler = new RollbackHandler(contextOf("Rollback"))) {
            return AwsCallRecorder.as("AutoRollback", () -> handler.execute(event));
        }
    }

    @Test
    void functionItsOwnerChangedWhileTheApproverDecidedIsSkippedAsDriftAndLeftAsTheOwnerLeftIt() throws IOException {
        String runId = LocalDate.now(ZoneOffset.UTC) + "-drift";
        AwsCallRecorder.reset();
        FleetState before = FleetState.read(account);
        S3ArtifactStore store = new S3ArtifactStore(account.s3, BUCKET);
        // while the run waits for the approver, orders-worker's owner deploys a configuration change
        HandlerBridge.ApprovalDesk ownerDeploysMeanwhile = payload -> {
            account.lambda.updateFunctionConfiguration(r -> r.functionName("orders-worker").description("hotfix by its owner"));
            return HandlerBridge.approveEverything(payload, store);
        };
        try (HandlerBridge bridge = new HandlerBridge(this::contextOf, ownerDeploysMeanwhile, HandlerBridge.NO_FAULT,
                signAsTheStage(), store)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);
            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
        }

        Plan plan = codec.read(store.get(ArtifactKeys.plan(runId)).orElseThrow(), Plan.class, "plan");
        ApplyResult result = codec.read(store.get(ArtifactKeys.result(runId))
                .orElseThrow(() -> new AssertionError("no result: " + keysOf(runId))), ApplyResult.class, "result");
        List<Recommendation> ofWorker = plan.applicableItems().stream().filter(i -> i.functionName().equals("orders-worker")).toList();
        assertFalse(ofWorker.isEmpty(), describe(plan.applicableItems()) + " " + plan.verdicts().stream()
                .filter(v -> v.functionName().equals("orders-worker")).toList() + " " + plan.items().stream()
                .filter(i -> i.functionName().equals("orders-worker")).toList() + " learned: " + store.get("runs/learned-responses.json").orElse("none"));
        for (Recommendation item : ofWorker) {
            assertEquals(ApplyStatus.SKIPPED_DRIFT, result.items().stream().filter(o -> o.itemId().equals(item.id()))
                    .findFirst().orElseThrow().status(), item.id());
        }
        FleetState expected = before.withDescription("orders-worker", "hotfix by its owner");
        for (Recommendation item : plan.applicableItems()) {
            if (!item.functionName().equals("orders-worker")) {
                expected = expected.with(item.functionName(), item.kind(), item.proposedValue());
            }
        }
        assertEquals(expected, FleetState.read(account), "only the other function's approved changes are live");
        assertEquals(plan.applicableItems().size() - ofWorker.size(), result.count(ApplyStatus.APPLIED), result.toString());

        try (EmulatedAccount asApplier = new EmulatedAccount(moto.endpoint(), stageKeys.get("ApplyItem"))) {
            Rollback rollback = applierRollback(asApplier);
            RunEvidence evidence = RunEvidence.of(codec.read(store.get(ArtifactKeys.snapshot(runId)).orElseThrow(),
                    FleetSnapshot.class, "snapshot"));
            AwsCallRecorder.as("Rollback", () -> rollback.rollback(runId, "e2e test (rollback)", evidence));
        }
        assertEquals(before.withDescription("orders-worker", "hotfix by its owner"), FleetState.read(account));
        String description = before.functions().get("orders-worker").get("description");
        account.lambda.updateFunctionConfiguration(r -> r.functionName("orders-worker").description(description));
        assertEquals(before, FleetState.read(account));
        assertEveryCallIsGranted(AwsCallRecorder.calls());
        account.drain(approvalQueue);
        account.drain(notificationQueue);
    }

    @Test
    void withAutoApproveLowTheLowRiskChangesAreAppliedThroughTheMapBeforeTheApproverDecidesTheRest() throws IOException {
        String runId = LocalDate.now(ZoneOffset.UTC) + "-auto";
        AwsCallRecorder.reset();
        FleetState before = FleetState.read(account);
        S3ArtifactStore store = new S3ArtifactStore(account.s3, BUCKET);
        // the AutoApply function of a stack deployed with autoApproveRisks LOW (FleetoptStack sets this variable), and a
        // lookback of 10 days: fewer than 14 days of metrics make the memory changes MEDIUM, left to the approver
        HandlerBridge.Configuration autoApproveLow = state -> {
            if (!state.equals("AutoApply") && !state.equals("Collect")) {
                return contextOf(state);
            }
            Map<String, Object> environment = new LinkedHashMap<>(environments.get("fleetopt-" + state));
            environment.put(state.equals("AutoApply") ? "FLEETOPT_APPLIER_AUTO_APPROVE_RISKS" : "FLEETOPT_COLLECTOR_LOOKBACK_DAYS",
                    state.equals("AutoApply") ? "LOW" : "10");
            environment.put("FLEETOPT_ENDPOINT_URL", moto.endpoint().toString());
            return ApplicationContext.builder().propertySources(PropertySource.of("lambda-environment", environment,
                    PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)).deduceEnvironment(false);
        };
        List<String> statesBeforeAsking = new ArrayList<>();
        HandlerBridge[] running = new HandlerBridge[1];
        // the approver approves every change the email asks for: the plan's, less what the policy approved
        HandlerBridge.ApprovalDesk approvesTheRest = payload -> {
            statesBeforeAsking.addAll(running[0].statesCalled());
            Plan plan = codec.read(store.get(ArtifactKeys.plan(runId)).orElseThrow(), Plan.class, "plan");
            Decision auto = codec.read(store.get(ArtifactKeys.autoDecision(runId)).orElseThrow(), Decision.class, "auto decision");
            List<String> rest = plan.applicableItems().stream().map(Recommendation::id)
                    .filter(id -> !auto.approvedItemIds().contains(id)).toList();
            String decisionKey = "runs/" + runId + "/decisions/review-page.json";
            Decision recorded = new io.fleetopt.core.port.DecisionWriter(store, codec).write(decisionKey, Decision.of(plan, rest,
                    List.of(), "approver@example.com (review page)", Instant.now()), plan, null);
            return "{\"output\":" + codec.writeLine(io.fleetopt.core.model.ApprovalOutput.of(decisionKey, recorded)) + "}";
        };
        try (HandlerBridge bridge = new HandlerBridge(autoApproveLow, approvesTheRest, HandlerBridge.NO_FAULT, signAsTheStage(), store)) {
            running[0] = bridge;
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);
            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause() + "\n" + moto.log());
            assertEquals(List.of("VerifyEarlierChanges", "PromoteCanaries", "Collect", "Analyze", "AutoApply", "RequestApproval",
                    "RecordApplyResult", "WireAlarms", "NotifySummary"),
                    bridge.statesCalled().stream().filter(s -> !s.equals("ApplyItem")).toList());
        }

        Plan plan = codec.read(store.get(ArtifactKeys.plan(runId)).orElseThrow(), Plan.class, "plan");
        Decision auto = codec.read(store.get(ArtifactKeys.autoDecision(runId)).orElseThrow(), Decision.class, "auto decision");
        List<String> low = plan.applicableItems().stream().filter(i -> i.risk() == io.fleetopt.core.model.Risk.LOW)
                .map(Recommendation::id).toList();
        assertFalse(low.isEmpty(), "the seeded fleet has low-risk changes: " + describe(plan.applicableItems()));
        assertTrue(low.size() < plan.applicableItems().size(), "and changes left to the approver: " + describe(plan.applicableItems()));
        assertEquals(low, auto.approvedItemIds(), "the policy approved exactly the low-risk changes");
        // applied through ApplyAutoApproved's Map: one ApplyItem per auto-approved line before the approval was asked for
        assertEquals(low.size(), statesBeforeAsking.stream().filter("ApplyItem"::equals).count(), statesBeforeAsking.toString());
        List<LedgerEntry> ledger = new DynamoDbChangeLedger(account.dynamo, TABLE).entriesOfRun(runId);
        assertEquals(new TreeSet<>(low), ledger.stream().filter(e -> e.action() == LedgerAction.APPLIED
                        && e.decisionKey().equals(ArtifactKeys.autoDecision(runId)) && e.actor().startsWith("AUTO (policy: auto-approved LOW"))
                .map(LedgerEntry::itemId).collect(Collectors.toCollection(TreeSet::new)), ledger.toString());
        // recorded: both Map runs' manifests read into one result, every change applied and live
        assertEquals(2, keysOf(runId).stream().filter(k -> k.startsWith("runs/" + runId + "/apply-results/")
                && k.endsWith("/manifest.json")).count(), keysOf(runId).toString());
        ApplyResult result = codec.read(store.get(ArtifactKeys.result(runId))
                .orElseThrow(() -> new AssertionError("no result: " + keysOf(runId))), ApplyResult.class, "result");
        assertEquals(plan.applicableItems().size(), result.count(ApplyStatus.APPLIED), result.toString());
        FleetState expected = before;
        for (Recommendation item : plan.applicableItems()) {
            expected = expected.with(item.functionName(), item.kind(), item.proposedValue());
        }
        assertEquals(expected, FleetState.read(account));

        try (EmulatedAccount asApplier = new EmulatedAccount(moto.endpoint(), stageKeys.get("ApplyItem"))) {
            Rollback rollback = applierRollback(asApplier);
            RunEvidence evidence = RunEvidence.of(codec.read(store.get(ArtifactKeys.snapshot(runId)).orElseThrow(),
                    FleetSnapshot.class, "snapshot"));
            AwsCallRecorder.as("Rollback", () -> rollback.rollback(runId, "e2e test (rollback)", evidence));
        }
        assertEquals(before, FleetState.read(account));
        assertEveryCallIsGranted(AwsCallRecorder.calls());
        account.drain(approvalQueue);
        account.drain(notificationQueue);
    }

    @Test
    void whileAnotherRunHoldsTheLeaseEveryApprovedItemFailsNamingThatRunAndNothingChanges() throws IOException {
        String runId = LocalDate.now(ZoneOffset.UTC) + "-leased";
        String holder = LocalDate.now(ZoneOffset.UTC) + "-other";
        AwsCallRecorder.reset();
        FleetState before = FleetState.read(account);
        S3ArtifactStore store = new S3ArtifactStore(account.s3, BUCKET);
        DynamoDbRunLease lease = new DynamoDbRunLease(account.dynamo, TABLE, Clock.systemUTC());
        lease.acquire(holder);
        try (HandlerBridge bridge = new HandlerBridge(this::contextOf, payload -> HandlerBridge.approveEverything(payload, store),
                HandlerBridge.NO_FAULT, signAsTheStage(), store)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS);
            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause());
        } finally {
            lease.release(holder);
        }

        Plan plan = codec.read(store.get(ArtifactKeys.plan(runId)).orElseThrow(), Plan.class, "plan");
        ApplyResult result = codec.read(store.get(ArtifactKeys.result(runId))
                .orElseThrow(() -> new AssertionError("no result: " + keysOf(runId))), ApplyResult.class, "result");
        assertFalse(plan.applicableItems().isEmpty());
        assertEquals(plan.applicableItems().size(), result.count(ApplyStatus.FAILED), result.toString());
        for (var outcome : result.items()) {
            assertTrue(outcome.reason() != null && outcome.reason().contains("run " + holder + " is applying changes"),
                    outcome.toString());
        }
        assertEquals(before, FleetState.read(account), "nothing changed while the other run held the lease");
        assertEquals(List.of(), new DynamoDbChangeLedger(account.dynamo, TABLE).entriesOfRun(runId), "nothing ledgered");
        account.drain(approvalQueue);
        account.drain(notificationQueue);
    }

    /**
     * Each call a stage's handler made needs its action in what the template grants the stage's role (the rollback:
     * the applier's role, whose code it is). GetFunction shows the tags only with lambda:ListTags, so it needs both.
     */
    private void assertEveryCallIsGranted(Map<String, Map<String, Long>> calls) {
        List<String> missing = new ArrayList<>();
        calls.forEach((state, actions) -> {
            String role = state.equals("Rollback") ? "ApplyItem" : state.equals("AutoRollback") ? "Rollback" : state;
            Set<String> granted = synth.statementsOfRole(role + "Role").stream().filter(s -> "Allow".equals(s.get("Effect")))
                    .flatMap(s -> SynthesizedStack.actions(s).stream()).collect(Collectors.toSet());
            Set<String> needed = new TreeSet<>(actions.keySet());
            if (needed.contains("lambda:GetFunction")) {
                needed.add("lambda:ListTags");
            }
            needed.stream().filter(a -> !granted.contains(a)).forEach(a -> missing.add(state + " calls " + a));
        });
        assertEquals(List.of(), missing, "calls the synthesized roles do not allow");
        assertTrue(calls.keySet().containsAll(List.of("Collect", "ApplyItem", "WireAlarms", "NotifySummary", "Rollback")),
                calls.keySet().toString());
    }

    /** The figures for the closing note: run time, calls per operation, the diff's size. */
    private void report(Duration runTime, Map<String, Map<String, Long>> calls, FleetState before, List<Recommendation> approved,
                        Map<String, String> leftAlone)
            throws IOException {
        Map<String, Long> byOperation = new TreeMap<>();
        calls.values().forEach(actions -> actions.forEach((action, n) -> byOperation.merge(action, n, Long::sum)));
        StringBuilder text = new StringBuilder("end-to-end weekly run on moto: " + runTime.toMillis() + " ms for the "
                + "execution; fleet diff compared " + before.functions().size() + " functions x "
                + (before.settingsCompared() / before.functions().size()) + " settings = " + before.settingsCompared()
                + " values (after the run and after the rollback)\n");
        text.append("left alone: ").append(leftAlone).append('\n');
        text.append("approved and applied, then rolled back: ").append(describe(approved)).append('\n');
        text.append("AWS calls by operation (all stages and the rollback): ").append(byOperation).append('\n');
        text.append("total ").append(byOperation.values().stream().mapToLong(Long::longValue).sum()).append(" calls\n");
        calls.forEach((state, actions) -> text.append("  ").append(state).append(": ").append(actions).append('\n'));
        System.out.print(text);
        Path figures = Path.of("target", "e2e-figures.txt");
        Files.createDirectories(figures.getParent());
        Files.writeString(figures, text);
    }

    /** The context of a Task's handler: the environment the CDK app gives its function, and moto as the endpoint. */
    private io.micronaut.context.ApplicationContextBuilder contextOf(String state) {
        Map<String, Object> environment = new LinkedHashMap<>(environments.get("fleetopt-" + state));
        environment.put("FLEETOPT_ENDPOINT_URL", moto.endpoint().toString());
        return ApplicationContext.builder()
                .propertySources(PropertySource.of("lambda-environment", environment,
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .deduceEnvironment(false);
    }

    /** Each function's environment variables from the synthesized template, its Refs resolved to the emulated resources. */
    private Map<String, Map<String, Object>> functionEnvironments(Map<String, String> resourcesByIdPrefix) {
        Map<String, Map<String, Object>> byFunction = new LinkedHashMap<>();
        FunctionEnvironments.of(synth, resourcesByIdPrefix).forEach((name, variables) -> byFunction.put(name, new LinkedHashMap<>(variables)));
        Set<String> functions = FleetoptStack.allFunctions().stream().map(StageFunction::state).map(s -> "fleetopt-" + s)
                .collect(Collectors.toCollection(TreeSet::new));
        functions.add("fleetopt-ReviewEndpoint");
        assertEquals(functions, byFunction.keySet());
        return byFunction;
    }

    private static List<Map<String, Object>> envelopes(List<String> bodies) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String body : bodies) {
            out.add(JSON.readValue(body, Argument.mapOf(String.class, Object.class)));
        }
        return out;
    }

    private static String describe(List<Recommendation> items) {
        return items.stream().map(i -> i.functionName() + " " + i.kind() + " " + i.currentValue() + " -> " + i.proposedValue())
                .toList().toString();
    }

    private List<String> keysOf(String runId) {
        return account.s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents().stream()
                .map(o -> o.key()).filter(k -> k.startsWith("runs/" + runId + "/")).toList();
    }
}
