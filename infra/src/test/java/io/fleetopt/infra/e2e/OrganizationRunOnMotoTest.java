package io.fleetopt.infra.e2e;

import io.fleetopt.applier.AlarmRollbackResult;
import io.fleetopt.applier.AlarmRollbackVerdict;
import io.fleetopt.applier.AlarmStateChangeEvent;
import io.fleetopt.applier.RollbackHandler;
import io.fleetopt.aws.DynamoDbChangeLedger;
import io.fleetopt.aws.S3ArtifactStore;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DecisionWriter;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.GuardAlarmLabel;
import io.fleetopt.core.port.IndexedPlans;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.infra.FleetoptSettings;
import io.fleetopt.infra.FleetoptStack;
import io.fleetopt.infra.MemberAccountSettings;
import io.fleetopt.infra.MemberStack;
import io.fleetopt.infra.MemberStackSettings;
import io.fleetopt.infra.StageFunction;
import io.fleetopt.infra.SynthesizedStack;
import io.fleetopt.infra.statemachine.HandlerBridge;
import io.fleetopt.infra.statemachine.LocalExecution;
import io.fleetopt.infra.statemachine.NodeTools;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weekly run over member accounts on moto, one server holding several accounts (moto keeps its state per account
 * id): the management account holds the deployment (bucket, ledger and approvals tables from the template, the topics
 * with an SQS subscriber each) and a fleet of its own that the run must not touch; two member accounts each hold the
 * member role created from the synthesized {@link MemberStack} (its trust policy, and its policy as moto can evaluate
 * it) and a small fleet, the first in two regions. statemachine.asl.json runs in aws-local-stepfunctions with the
 * organization settings, every Task calling the real handler in AWS mode pointed at moto and signing as an IAM user
 * whose policy is its synthesized role's; CollectTarget and ApplyItem assume the member role with the external id
 * (sts:AssumeRole on moto, which answers in the role ARN's account). The Distributed Maps are emulated around their
 * own ItemProcessors as run-execution.mjs does (see docs/emulator-gaps.md). Everything is asserted on moto's state.
 *
 * WireAlarms puts the guard alarms in each changed function's own account and region through the member role; one of
 * them going into ALARM, its event as the member stack's rule forwards it, makes the Rollback handler restore that
 * function through the member role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationRunOnMotoTest {

    private static final Path REPO = SynthesizedStack.repoRoot();
    private static final int SEVENTY_TWO_HOURS = 72 * 3600;
    private static final String BUCKET = "fleetopt-artifacts-org";
    private static final String TABLE = "fleetopt-ledger-org";
    private static final String APPROVALS_TABLE = "fleetopt-approvals-org";
    private static final String REVIEW_URL = "https://org-review.lambda-url.us-east-1.on.aws/";
    private static final String EXTERNAL_ID = "fleetopt-e2e-7f3a";
    private static final String MEMBER_ROLE = MemberAccountSettings.DEFAULT_ROLE_NAME;
    private static final String MANAGEMENT = MotoServer.ACCOUNT_ID;
    private static final String MEMBER_A = "111111111111";
    private static final String MEMBER_B = "222222222222";
    /** A member account where the member stack was never deployed: no member role. */
    private static final String UNDEPLOYED = "333333333333";
    private static final String EAST = MotoServer.REGION;
    private static final String WEST = "eu-west-1";
    private static final List<String> REGIONS = List.of(EAST, WEST);
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final FleetoptSettings SETTINGS = new FleetoptSettings(List.of("ops@example.com"),
            FleetoptSettings.WEEKLY_SCHEDULE, List.of("team=payments"), List.of(), REGIONS, List.of(), 72, 30, 90);
    private static final MemberAccountSettings MEMBERS = new MemberAccountSettings(List.of(MEMBER_A, MEMBER_B), "",
            MEMBER_ROLE, EXTERNAL_ID);

    /** In scope (changed as approved), skip-tagged and out of scope; the same names in every account and region. */
    private static SeedFunction ordersApi() {
        return new SeedFunction("orders-api", 1024, 30, "PassThrough", null, Map.of("team", "payments", "env", "prod"),
                null, 14, 200_000, 120, 900, 180, SeedFunction.Evidence.LAMBDA_INSIGHTS);
    }

    private static SeedFunction paymentsLedger() {
        return new SeedFunction("payments-ledger", 1536, 60, "PassThrough", null,
                Map.of("team", "payments", "fleetopt:skip", "true"), null, 14, 10_000, 200, 1_000, 200,
                SeedFunction.Evidence.LAMBDA_INSIGHTS);
    }

    private static SeedFunction reportsBatch() {
        return new SeedFunction("reports-batch", 3008, 900, "PassThrough", null, Map.of("team", "analytics"), null, 14, 500,
                60_000, 120_000, 400, SeedFunction.Evidence.LAMBDA_INSIGHTS);
    }

    private static SeedFunction ordersWorker() {
        return new SeedFunction("orders-worker", 2048, 300, "PassThrough", null, Map.of("team", "payments", "env", "dev"),
                3653, 14, 5_000, 2_000, 5_000, 300, SeedFunction.Evidence.REPORT_LINES);
    }

    /** Each emulated (account, region) and its fleet; every member target of the deployment is one of these. */
    private static final Map<String, List<SeedFunction>> FLEETS = new TreeMap<>(Map.of(
            MANAGEMENT + "/" + EAST, List.of(ordersApi()),
            MEMBER_A + "/" + EAST, List.of(ordersApi(), paymentsLedger(), reportsBatch()),
            MEMBER_A + "/" + WEST, List.of(ordersWorker()),
            MEMBER_B + "/" + EAST, List.of(ordersApi(), reportsBatch()),
            UNDEPLOYED + "/" + EAST, List.of(ordersApi())));

    private NodeTools node;
    private MotoServer moto;
    private EmulatedAccount management;
    private SynthesizedStack synth;
    private Template memberStack;
    private DocumentCodec codec;
    private String approvalQueue;
    private String notificationQueue;
    private Map<String, Map<String, Object>> environments;
    private final Map<String, EmulatedAccount.AccessKey> stageKeys = new LinkedHashMap<>();
    /** Each emulated (account, region), read as that account's administrator. */
    private final Map<String, EmulatedAccount> accounts = new TreeMap<>();

    @BeforeAll
    void startEmulatorAndDeploy(@TempDir Path dir) throws IOException {
        node = NodeTools.installed(REPO);
        moto = MotoServer.start(Files.createDirectories(dir.resolve("moto")), 30);
        System.setProperty("aws.region", EAST);
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        codec = new DocumentCodec();
        synth = SynthesizedStack.of(SETTINGS, MEMBERS, dir.resolve("synth"));
        App app = new App(AppProps.builder().outdir(dir.resolve("member-cdk.out").toString()).build());
        memberStack = Template.fromStack(new MemberStack(app, "fleetopt-member", StackProps.builder().stackName("fleetopt-member").build(),
                new MemberStackSettings(MANAGEMENT, "fleetopt", EXTERNAL_ID, MEMBER_ROLE, SETTINGS.scopeTags(),
                        SETTINGS.namePatterns(), SETTINGS.regions())));

        // the management account: the deployment, and a fleet of its own (not a member: the run leaves it alone)
        Map<String, EmulatedAccount.AccessKey> admins = new TreeMap<>();
        try (EmulatedAccount seed = new EmulatedAccount(moto.endpoint(), EmulatedAccount.AccessKey.UNCHECKED)) {
            seed.seedFleet(FLEETS.get(MANAGEMENT + "/" + EAST), Instant.now());
            seed.createBucket(BUCKET);
            seed.createTable(TABLE, tableProperties("Ledger"));
            seed.createTable(APPROVALS_TABLE, tableProperties("ReviewEndpointApprovals"));
            String linkKeyArn = seed.createLinkKey("fleetopt-review-link-key-org");
            EmulatedAccount.Subscribed approvals = seed.topicWithSubscriber("fleetopt-approvals");
            EmulatedAccount.Subscribed notifications = seed.topicWithSubscriber("fleetopt-notifications");
            approvalQueue = approvals.queueUrl();
            notificationQueue = notifications.queueUrl();
            environments = new LinkedHashMap<>();
            FunctionEnvironments.of(synth, Map.of("Artifacts", BUCKET, "Ledger", TABLE, "ApprovalTopic", approvals.topicArn(),
                    "NotificationTopic", notifications.topicArn(), "ReviewEndpointApprovals", APPROVALS_TABLE,
                    "ReviewEndpointLinkKey", linkKeyArn, "ReviewEndpointAliasFunctionUrl", REVIEW_URL))
                    .forEach((name, variables) -> environments.put(name, new LinkedHashMap<>(variables)));
            admins.put(MANAGEMENT, seed.userWithPolicy("org-admin", ADMINISTRATOR));
            for (StageFunction stage : FleetoptStack.allFunctions()) {
                stageKeys.put(stage.state(), seed.userWithPolicy("fleetopt-" + stage.state(),
                        MotoPolicy.of(synth.statementsOfRole(stage.state() + "Role"))));
            }
        }
        // the member accounts: each its fleet, its administrator (for the test's reads) and, where the member stack is
        // deployed, the member role as the member stack's template defines it
        for (Map.Entry<String, List<SeedFunction>> fleet : FLEETS.entrySet()) {
            String accountId = accountOf(fleet.getKey());
            if (accountId.equals(MANAGEMENT)) {
                continue;
            }
            try (EmulatedAccount seed = new EmulatedAccount(moto.endpoint(), EmulatedAccount.AccessKey.UNCHECKED, accountId,
                    regionOf(fleet.getKey()))) {
                seed.seedFleet(fleet.getValue(), Instant.now());
                if (!admins.containsKey(accountId)) {
                    admins.put(accountId, seed.userWithPolicy("org-admin", ADMINISTRATOR));
                    if (MEMBERS.memberAccounts().contains(accountId)) {
                        seed.roleWithPolicy(MEMBER_ROLE, memberRoleTrustPolicy(accountId), MotoPolicy.of(memberRoleStatements()));
                    }
                }
            }
        }
        try (EmulatedAccount any = new EmulatedAccount(moto.endpoint(), admins.get(MANAGEMENT))) {
            any.enforceIam();
        }
        for (String target : FLEETS.keySet()) {
            accounts.put(target, new EmulatedAccount(moto.endpoint(), admins.get(accountOf(target)), null, regionOf(target)));
        }
        management = accounts.get(MANAGEMENT + "/" + EAST);
    }

    private static final String ADMINISTRATOR =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private static String accountOf(String target) {
        return target.substring(0, target.indexOf('/'));
    }

    private static String regionOf(String target) {
        return target.substring(target.indexOf('/') + 1);
    }

    /** The properties the template gives the table whose logical id starts with {@code idPrefix}. */
    private Map<String, Object> tableProperties(String idPrefix) {
        return SynthesizedStack.properties(synth.resources("AWS::DynamoDB::Table").entrySet().stream()
                .filter(e -> e.getKey().startsWith(idPrefix)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("the template has no table " + idPrefix + "...")));
    }

    /** The member role's trust policy from the member stack's template, its intrinsics resolved in {@code accountId}. */
    @SuppressWarnings("unchecked")
    private String memberRoleTrustPolicy(String accountId) {
        Map<String, Object> role = (Map<String, Object>) memberStack.findResources("AWS::IAM::Role").values().iterator().next();
        Object document = ((Map<String, Object>) role.get("Properties")).get("AssumeRolePolicyDocument");
        return MotoPolicy.json(resolve(document, accountId));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> memberRoleStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : memberStack.findResources("AWS::IAM::Policy").values()) {
            Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) policy)
                    .get("Properties")).get("PolicyDocument");
            statements.addAll((List<Map<String, Object>>) document.get("Statement"));
        }
        return statements;
    }

    /** CloudFormation's Fn::Join and the pseudo parameters the member stack uses, as CloudFormation resolves them. */
    @SuppressWarnings("unchecked")
    private static Object resolve(Object value, String accountId) {
        if (value instanceof Map<?, ?> map) {
            if (map.get("Fn::Join") instanceof List<?> join) {
                return ((List<Object>) join.get(1)).stream().map(v -> String.valueOf(resolve(v, accountId)))
                        .collect(Collectors.joining(String.valueOf(join.get(0))));
            }
            if (map.get("Ref") instanceof String ref && ref.startsWith("AWS::")) {
                return switch (ref) {
                    case "AWS::Partition" -> "aws";
                    case "AWS::AccountId" -> accountId;
                    case "AWS::URLSuffix" -> "amazonaws.com";
                    default -> throw new AssertionError("the member stack refers to " + ref + ", which this test does not resolve");
                };
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, accountId)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> resolve(v, accountId)).toList();
        }
        return value;
    }

    @AfterAll
    void stopEmulator() {
        System.clearProperty("aws.region");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        accounts.values().forEach(EmulatedAccount::close);
        if (moto != null) {
            moto.close();
        }
        if (codec != null) {
            codec.close();
        }
    }

    @Test
    void approvedChangesAreAppliedInEachMemberAccountAndRegionThroughItsMemberRoleAndNothingElseChanges() throws IOException {
        String runId = LocalDate.now(ZoneOffset.UTC) + "-org";
        AwsCallRecorder.reset();
        management.drain(approvalQueue);
        management.drain(notificationQueue);
        Map<String, FleetState> before = fleets();
        S3ArtifactStore store = new S3ArtifactStore(management.s3, BUCKET);

        long started = System.nanoTime();
        List<String> states;
        try (HandlerBridge bridge = new HandlerBridge(state -> contextOf(state, Map.of()),
                payload -> approveEveryIndexedChange(payload, store), HandlerBridge.NO_FAULT, signAsTheStage(), store)) {
            LocalExecution execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS, true);
            assertEquals("SUCCEEDED", execution.status(), execution.error() + ": " + execution.cause() + "\n" + bridge.invocations());
            states = bridge.statesCalled();
        }
        Duration runTime = Duration.ofNanos(System.nanoTime() - started);
        Map<String, Long> calledTimes = states.stream().collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));

        // the run index: each member (account, region), its snapshot and plan in the bucket; the management account is
        // not a member, so it is not a target
        RunIndex index = codec.read(store.get(ArtifactKeys.index(runId)).orElseThrow(), RunIndex.class, "index");
        List<String> targets = List.of(MEMBER_A + "/" + WEST, MEMBER_A + "/" + EAST, MEMBER_B + "/" + WEST, MEMBER_B + "/" + EAST)
                .stream().sorted().toList();
        assertEquals(targets, index.targets().stream().map(e -> e.accountId() + "/" + e.region()).sorted().toList());
        assertEquals(List.of(), index.failedTargets());
        List<Recommendation> approved = new ArrayList<>();
        for (RunIndex.Entry entry : index.targets()) {
            String prefix = "runs/" + runId + "/accounts/" + entry.accountId() + "/" + entry.region() + "/";
            assertEquals(prefix + "plan.json", entry.planKey());
            assertEquals(prefix + "snapshot.json", entry.snapshotKey());
            FleetSnapshot snapshot = codec.read(store.get(entry.snapshotKey()).orElseThrow(), FleetSnapshot.class, "snapshot");
            Plan plan = codec.read(store.get(entry.planKey()).orElseThrow(), Plan.class, "plan");
            assertEquals(entry.planDigest(), PlanDigest.of(plan));
            List<SeedFunction> seeded = FLEETS.getOrDefault(entry.accountId() + "/" + entry.region(), List.of());
            // what CollectTarget read through the member role is that account's and region's fleet, and only it
            assertEquals(seeded.stream().map(f -> arn(entry.accountId(), entry.region(), f.name())).collect(Collectors.toSet()),
                    snapshot.functions().stream().map(FunctionProfile::arn).collect(Collectors.toSet()), entry.toString());
            for (Recommendation item : plan.applicableItems()) {
                assertEquals(arn(entry.accountId(), entry.region(), item.functionName()), item.functionArn(), item.id());
            }
            approved.addAll(plan.applicableItems());
        }
        Set<String> changed = approved.stream().map(i -> accountOf(i) + "/" + regionOf(i) + " " + i.functionName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(MEMBER_A + "/" + EAST + " orders-api", MEMBER_A + "/" + WEST + " orders-worker",
                MEMBER_B + "/" + EAST + " orders-api"), changed, "only in-scope functions, not skip-tagged or out of scope: "
                + describe(approved));
        assertEquals(approved.size(), index.totals().applyItemCount());

        // the states: one child (CollectTarget, AnalyzeTarget) per target, one ApplyItem per approved change
        assertEquals(Map.ofEntries(Map.entry("AnalyzeTarget", 4L), Map.entry("ApplyItem", (long) approved.size()),
                Map.entry("CollectTarget", 4L), Map.entry("IndexRun", 1L), Map.entry("ListTargets", 1L),
                Map.entry("NotifySummary", 1L), Map.entry("PromoteCanaries", 1L), Map.entry("RecordApplyResult", 1L),
                Map.entry("RequestApproval", 1L), Map.entry("VerifyEarlierChanges", 1L), Map.entry("WireAlarms", 1L)), calledTimes);
        ApplyResult result = codec.read(store.get(ArtifactKeys.result(runId)).orElseThrow(), ApplyResult.class, "result");
        assertEquals(approved.size(), result.count(ApplyStatus.APPLIED), result.toString());

        // moto's state: each approved change is live in its own account and region; every other setting of every
        // function of every account (the management account's and the undeployed member's too) is as it was
        Map<String, FleetState> expected = new TreeMap<>(before);
        for (Recommendation item : approved) {
            String target = accountOf(item) + "/" + regionOf(item);
            expected.put(target, expected.get(target).with(item.functionName(), item.kind(), item.proposedValue()));
        }
        assertEquals(expected, fleets());

        // the ledger (management account): intent then completion of each change, its ARN naming its account and region
        List<LedgerEntry> entries = new DynamoDbChangeLedger(management.dynamo, TABLE).entriesOfRun(runId);
        assertEquals(2 * approved.size(), entries.size(), entries.toString());
        for (Recommendation item : approved) {
            List<LedgerEntry> ofItem = entries.stream().filter(e -> e.itemId().equals(item.id())).toList();
            assertEquals(List.of(LedgerAction.INTENT, LedgerAction.APPLIED), ofItem.stream().map(LedgerEntry::action).toList(), item.id());
            LedgerEntry applied = ofItem.get(1);
            assertEquals(item.functionArn(), applied.functionArn());
            String target = accountOf(item) + "/" + regionOf(item);
            assertEquals(before.get(target).functions().get(item.functionName()).get(item.kind().name()), applied.before(), item.id());
            assertEquals(item.proposedValue(), applied.after(), item.id());
        }

        // the approval email presents the index as one plan; the summary says what was applied where
        List<Map<String, Object>> approvalMessages = envelopes(management.drain(approvalQueue));
        assertEquals(1, approvalMessages.size(), approvalMessages.toString());
        assertTrue(String.valueOf(approvalMessages.get(0).get("Subject")).contains(approved.size()
                + " changes across 2 accounts and 2 regions"), approvalMessages.toString());
        List<Map<String, Object>> notices = envelopes(management.drain(notificationQueue));
        assertEquals(1, notices.size(), notices.toString());
        assertEquals("fleetopt: " + approved.size() + " changes applied across 2 accounts and 2 regions (run " + runId + ")",
                notices.get(0).get("Subject"));
        String summary = String.valueOf(notices.get(0).get("Message"));
        assertTrue(summary.contains("The changed functions in member accounts have guard alarms (fleetopt-<function>-<kind>) "
                + "in their own account and region, with no alarm action there"), summary);
        assertTrue(summary.contains(ArtifactKeys.index(runId)), summary);

        // the guard alarms WireAlarms put: in each changed function's own account and region, those GuardAlarmCoverage
        // lists for its change kinds (named fleetopt-<function>-<kind>, the description naming the run and the
        // function), no alarm action there; none in the management account, none on a function the run did not change
        long alarmsAndRollbackStarted = System.nanoTime();
        Map<String, FleetState> afterRun = fleets();
        Map<String, MetricAlarm> guardAlarms = assertGuardAlarmsInTheFunctionsOwnAccounts(runId, index, store, approved);

        // a guard alarm of orders-worker (member A, eu-west-1) goes into ALARM; the member stack's rule forwards the
        // state change to the management account's bus, whose rule invokes the Rollback function: it restores
        // orders-worker's changes through member A's role and leaves every other change as it is
        rollBackOnItsAlarmAndRefuseForeignAlarms(runId, before, afterRun, approved, guardAlarms);
        Duration alarmsAndRollback = Duration.ofNanos(System.nanoTime() - alarmsAndRollbackStarted);

        // every call each stage made was granted by its role, and every call made through the member role by the member
        // stack's policy; CollectTarget and ApplyItem did reach the member accounts through it
        Map<String, Map<String, Long>> calls = AwsCallRecorder.calls();
        assertEveryCallIsGranted(calls);
        assertTrue(calls.keySet().containsAll(List.of("CollectTarget" + AwsCallRecorder.AS_MEMBER_ROLE,
                "ApplyItem" + AwsCallRecorder.AS_MEMBER_ROLE, "WireAlarms" + AwsCallRecorder.AS_MEMBER_ROLE,
                "Rollback" + AwsCallRecorder.AS_MEMBER_ROLE)), calls.keySet().toString());
        assertTrue(calls.get("WireAlarms" + AwsCallRecorder.AS_MEMBER_ROLE).containsKey("cloudwatch:PutMetricAlarm"), calls.toString());
        assertFalse(calls.get("WireAlarms").containsKey("cloudwatch:PutMetricAlarm"), "no alarm put with the stage's own "
                + "credentials (the management account): " + calls);
        assertTrue(calls.get("CollectTarget").containsKey("sts:AssumeRole") && calls.get("ApplyItem").containsKey("sts:AssumeRole"),
                calls.toString());
        System.out.println("organization run on moto: " + runTime.toMillis() + " ms for the execution over " + targets.size()
                + " targets, " + approved.size() + " changes applied: " + describe(approved)
                + "\n  the guard alarms' and the rollback's checks: " + alarmsAndRollback.toMillis() + " ms\n  states " + calledTimes
                + "\n  calls " + calls);
    }

    /**
     * The deployment lists a third member account where the member stack was never deployed. Its target fails at
     * CollectTarget, naming the role it could not assume; one failed target of three is more than the 5 % the
     * CollectAndAnalyzeEachTarget Map tolerates, so Step Functions fails that Map run
     * (States.ExceedToleratedFailureThreshold), the run notifies its failure, and nothing is approved or changed in any
     * account. (Within the tolerance, at most 5 % of the targets failing, the run goes on and the index and
     * the approval email list the failed target: MemberAccountsExecutionTest, on the demo account.)
     */
    @Test
    void aMemberAccountWithoutTheMemberRoleFailsItsTargetNamingTheRoleAndBeyondTheToleranceTheRunFailsChangingNothing()
            throws IOException {
        String runId = LocalDate.now(ZoneOffset.UTC) + "-undeployed";
        AwsCallRecorder.reset();
        management.drain(approvalQueue);
        management.drain(notificationQueue);
        Map<String, FleetState> before = fleets();
        S3ArtifactStore store = new S3ArtifactStore(management.s3, BUCKET);
        // the same deployment, listing the undeployed account too, in one region (the environment the stack would give
        // its functions with -c memberAccounts=...,333333333333 -c regions=us-east-1)
        Map<String, String> withUndeployed = new LinkedHashMap<>(new MemberAccountSettings(List.of(MEMBER_A, MEMBER_B, UNDEPLOYED),
                "", MEMBER_ROLE, EXTERNAL_ID).environment("aws"));
        withUndeployed.put("FLEETOPT_COLLECTOR_REGIONS", EAST);

        List<HandlerBridge.Invocation> invocations;
        LocalExecution execution;
        try (HandlerBridge bridge = new HandlerBridge(state -> contextOf(state, only(state, withUndeployed)),
                payload -> approveEveryIndexedChange(payload, store), HandlerBridge.NO_FAULT, signAsTheStage(), store)) {
            execution = LocalExecution.run(node, REPO, bridge, runId, SEVENTY_TWO_HOURS, true);
            invocations = bridge.invocations();
        }
        assertEquals("FAILED", execution.status(), String.valueOf(execution.output()));
        assertEquals(List.of("io.fleetopt.aws.MemberRoleDeniedException"), invocations.stream()
                .filter(i -> i.state().equals("CollectTarget") && !i.outcome().equals("ok")).map(HandlerBridge.Invocation::outcome).toList(),
                invocations.toString());
        assertEquals(3, invocations.stream().filter(i -> i.state().equals("CollectTarget")).count(), invocations.toString());
        Set<String> called = invocations.stream().map(HandlerBridge.Invocation::state).collect(Collectors.toSet());
        assertFalse(called.contains("IndexRun") || called.contains("RequestApproval") || called.contains("ApplyItem"), called.toString());
        assertTrue(called.contains("NotifyFailure"), called.toString());
        assertEquals(before, fleets(), "nothing changed in any account");
        assertEquals(List.of(), new DynamoDbChangeLedger(management.dynamo, TABLE).entriesOfRun(runId));
        assertTrue(store.get(ArtifactKeys.index(runId)).isEmpty(), "no index");
        assertEquals(List.of(), management.drain(approvalQueue), "nothing to approve");
        List<Map<String, Object>> notices = envelopes(management.drain(notificationQueue));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(String.valueOf(notices.get(0).get("Message")).contains("States.ExceedToleratedFailureThreshold"), notices.toString());

        // what that target's CollectTarget said (its child execution's error and cause): the role, and what to check
        EmulatedAccount.AccessKey key = stageKeys.get("CollectTarget");
        System.setProperty("aws.accessKeyId", key.id());
        System.setProperty("aws.secretAccessKey", key.secret());
        try (io.fleetopt.collector.CollectTargetHandler handler = new io.fleetopt.collector.CollectTargetHandler(
                contextOf("CollectTarget", withUndeployed))) {
            io.fleetopt.core.model.CollectTarget target = new io.fleetopt.core.model.CollectTarget(UNDEPLOYED, EAST,
                    "arn:aws:iam::" + UNDEPLOYED + ":role/" + MEMBER_ROLE);
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> AwsCallRecorder.as(
                    "CollectTarget", () -> handler.execute(io.fleetopt.core.model.TargetRunState.start(runId, target))));
            assertEquals("io.fleetopt.aws.MemberRoleDeniedException", e.getClass().getName());
            assertTrue(e.getMessage().startsWith("cannot assume arn:aws:iam::333333333333:role/fleetopt-member in account "
                    + "333333333333 (AccessDenied): deploy the member stack there"), e.getMessage());
        }
        assertTrue(store.get(ArtifactKeys.snapshot(runId, new io.fleetopt.core.model.CollectTarget(UNDEPLOYED, EAST,
                "arn:aws:iam::" + UNDEPLOYED + ":role/" + MEMBER_ROLE))).isEmpty(), "nothing stored of the undeployed account");
        assertEveryCallIsGranted(AwsCallRecorder.calls());
    }

    /**
     * The guard alarms of each changed function as moto holds them in the function's own account and region (read as
     * that account's administrator), checked against what WireAlarms computes for it (GuardAlarmCoverage of its change
     * kinds and the snapshot's profile); answers them by name.
     */
    private Map<String, MetricAlarm> assertGuardAlarmsInTheFunctionsOwnAccounts(String runId, RunIndex index, ArtifactStore store,
                                                                              List<Recommendation> approved) throws IOException {
        Map<String, MetricAlarm> byName = new TreeMap<>();
        Map<String, List<Recommendation>> byFunction = approved.stream().collect(Collectors.groupingBy(
                Recommendation::functionArn, TreeMap::new, Collectors.toList()));
        for (RunIndex.Entry entry : index.targets()) {
            String target = entry.accountId() + "/" + entry.region();
            EmulatedAccount account = accounts.get(target);
            List<MetricAlarm> inTarget = account == null ? List.of() : account.cloudWatch
                    .describeAlarmsPaginator(r -> r.alarmNamePrefix("fleetopt-")).metricAlarms().stream().toList();
            FleetSnapshot snapshot = codec.read(store.get(entry.snapshotKey()).orElseThrow(), FleetSnapshot.class, "snapshot");
            Set<String> expectedNames = new TreeSet<>();
            for (FunctionProfile function : snapshot.functions()) {
                List<Recommendation> changes = byFunction.getOrDefault(function.arn(), List.of());
                if (changes.isEmpty()) {
                    continue;
                }
                List<io.fleetopt.core.change.GuardAlarmKind> kinds = io.fleetopt.core.change.GuardAlarmCoverage.of(
                        changes.stream().map(Recommendation::kind).toList(), function).wired();
                assertFalse(kinds.isEmpty(), "no guard alarm kind for " + function.arn() + " " + describe(changes));
                kinds.forEach(k -> expectedNames.add("fleetopt-" + function.name() + "-" + k.nameSuffix()));
            }
            assertEquals(expectedNames, inTarget.stream().map(MetricAlarm::alarmName).collect(Collectors.toCollection(TreeSet::new)),
                    "the guard alarms in " + target);
            for (MetricAlarm alarm : inTarget) {
                GuardAlarmLabel label = GuardAlarmLabel.parse(alarm.alarmDescription()).orElseThrow(() -> new AssertionError(
                        alarm.alarmName() + "'s description names no run and function: " + alarm.alarmDescription()));
                assertEquals(runId, label.runId(), alarm.alarmDescription());
                String function = label.functionArn().substring(label.functionArn().lastIndexOf(':') + 1);
                assertEquals(arn(entry.accountId(), entry.region(), function), label.functionArn(), "the alarm in " + target
                        + " guards a function of " + target + ": " + alarm.alarmDescription());
                assertTrue(alarm.alarmName().startsWith("fleetopt-" + function + "-"), alarm.alarmName());
                assertTrue(alarm.alarmArn().startsWith("arn:aws:cloudwatch:" + entry.region() + ":" + entry.accountId() + ":alarm:"),
                        alarm.alarmArn());
                assertEquals(List.of(), alarm.alarmActions(), alarm.alarmName() + ": no alarm action in a member account");
                assertEquals(List.of(), alarm.okActions(), alarm.alarmName());
                assertEquals(List.of(), alarm.insufficientDataActions(), alarm.alarmName());
                assertTrue(alarm.dimensions().stream().anyMatch(d -> d.value().equals(function)), alarm.toString());
                if (alarm.alarmName().endsWith("-near-timeout")) {
                    String timeout = FleetState.read(account).functions().get(function).get("TIMEOUT");
                    assertTrue(alarm.alarmDescription().startsWith("an invocation ran past 90 % of its " + timeout + " s timeout"),
                            alarm.alarmDescription());
                    assertEquals(Integer.parseInt(timeout) * 1000.0 * 0.9, alarm.threshold(), 0.001, alarm.alarmName());
                }
                byName.put(target + " " + alarm.alarmName(), alarm);
            }
        }
        assertEquals(List.of(), management.cloudWatch.describeAlarmsPaginator(r -> r.alarmNamePrefix("fleetopt-")).metricAlarms()
                .stream().map(MetricAlarm::alarmName).toList(), "no guard alarm in the management account");
        assertEquals(byFunction.keySet(), byName.values().stream().map(a -> GuardAlarmLabel.parse(a.alarmDescription())
                .orElseThrow().functionArn()).collect(Collectors.toCollection(TreeSet::new)), "every changed function has its alarms");
        return byName;
    }

    private void rollBackOnItsAlarmAndRefuseForeignAlarms(String runId, Map<String, FleetState> before, Map<String, FleetState> afterRun,
                                                           List<Recommendation> approved, Map<String, MetricAlarm> guardAlarms)
            throws IOException {
        String target = MEMBER_A + "/" + WEST;
        String functionArn = arn(MEMBER_A, WEST, "orders-worker");
        List<Recommendation> ofWorker = approved.stream().filter(i -> i.functionArn().equals(functionArn)).toList();
        assertFalse(ofWorker.isEmpty(), describe(approved));
        MetricAlarm guard = guardAlarms.entrySet().stream().filter(e -> e.getKey().startsWith(target + " fleetopt-orders-worker-"))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no guard alarm of orders-worker: " + guardAlarms));
        EmulatedAccount memberA = accounts.get(target);
        memberA.cloudWatch.setAlarmState(r -> r.alarmName(guard.alarmName()).stateValue(StateValue.ALARM)
                .stateReason("Threshold Crossed: 1 out of the last 1 datapoints was greater than or equal to the threshold"));
        MetricAlarm fired = memberA.cloudWatch.describeAlarms(r -> r.alarmNames(guard.alarmName())).metricAlarms().get(0);
        assertEquals(StateValue.ALARM, fired.stateValue());
        management.drain(notificationQueue);
        try (RollbackHandler handler = new RollbackHandler(contextOf("Rollback", Map.of()))) {
            assertRestoredThroughTheMemberRoleAndForeignAlarmsRefused(handler, runId, before, afterRun, approved, guardAlarms,
                    ofWorker, guard, fired);
        }
    }

    private void assertRestoredThroughTheMemberRoleAndForeignAlarmsRefused(RollbackHandler handler, String runId,
            Map<String, FleetState> before, Map<String, FleetState> afterRun, List<Recommendation> approved,
            Map<String, MetricAlarm> guardAlarms, List<Recommendation> ofWorker, MetricAlarm guard, MetricAlarm fired)
            throws IOException {
        String target = MEMBER_A + "/" + WEST;
        String functionArn = arn(MEMBER_A, WEST, "orders-worker");
        DynamoDbChangeLedger ledger = new DynamoDbChangeLedger(management.dynamo, TABLE);
        long started = System.nanoTime();
        AlarmRollbackResult rolledBack = deliverToTheRollbackFunction(handler, forwarded(fired, MEMBER_A, WEST, fired.alarmArn(),
                fired.alarmDescription()));
        Duration rollbackTime = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(AlarmRollbackVerdict.ROLLED_BACK, rolledBack.verdict(), rolledBack.detail());
        assertEquals(ofWorker.size(), rolledBack.items().stream().filter(i -> i.status() == RollbackStatus.RESTORED).count(),
                rolledBack.toString());
        // moto: orders-worker in member A's eu-west-1 is exactly as before the run; every other change stands
        Map<String, FleetState> expected = new TreeMap<>(afterRun);
        for (Recommendation item : ofWorker) {
            expected.put(target, expected.get(target).with(item.functionName(), item.kind(),
                    before.get(target).functions().get(item.functionName()).get(item.kind().name())));
        }
        Map<String, FleetState> now = fleets();
        assertEquals(before.get(target).functions().get("orders-worker"), now.get(target).functions().get("orders-worker"),
                "orders-worker is as before the run");
        assertEquals(expected, now, "only orders-worker was rolled back");
        // the ledger: a rollback intent then its completion for each of orders-worker's changes, naming the alarm
        List<LedgerEntry> rollbackEntries = ledger.entriesOfRun(runId).stream()
                .filter(e -> e.action() == LedgerAction.ROLLBACK_INTENT || e.action() == LedgerAction.ROLLED_BACK).toList();
        assertEquals(2 * ofWorker.size(), rollbackEntries.size(), rollbackEntries.toString());
        for (Recommendation item : ofWorker) {
            List<LedgerEntry> ofItem = rollbackEntries.stream().filter(e -> e.itemId().equals(item.id())).toList();
            assertEquals(List.of(LedgerAction.ROLLBACK_INTENT, LedgerAction.ROLLED_BACK), ofItem.stream().map(LedgerEntry::action).toList());
            LedgerEntry done = ofItem.get(1);
            assertEquals(functionArn, done.functionArn());
            assertTrue(done.reason() != null && done.reason().startsWith("guard alarm " + guard.alarmName() + " went into ALARM at "),
                    done.toString());
        }
        // the notice: which alarm, where, what was restored
        List<Map<String, Object>> notices = envelopes(management.drain(notificationQueue));
        assertEquals(1, notices.size(), notices.toString());
        assertEquals("fleetopt: rolled back " + ofWorker.size() + " change" + (ofWorker.size() == 1 ? "" : "s")
                + " to orders-worker (run " + runId + ") after its guard alarm fired", notices.get(0).get("Subject"));
        String notice = String.valueOf(notices.get(0).get("Message"));
        assertTrue(notice.startsWith("Guard alarm " + guard.alarmName() + " went into ALARM at "), notice);
        assertTrue(notice.contains("(account " + MEMBER_A + ", " + WEST + ")"), notice);
        assertTrue(notice.contains("Restored (the values before the run, from the change ledger):"), notice);
        assertEquals(AlarmRollbackVerdict.ALREADY_HANDLED, deliverToTheRollbackFunction(handler, forwarded(fired, MEMBER_A, WEST,
                fired.alarmArn(), fired.alarmDescription())).verdict(), "the same event delivered again changes nothing");
        assertEquals(List.of(), management.drain(notificationQueue), "no second notice");

        // refused, nothing changed: an alarm ARN of another account than its function's (member A's alarm ARN, its
        // description naming member B's orders-api), and an event from an account that is not a member
        MetricAlarm ofB = guardAlarms.entrySet().stream().filter(e -> e.getKey().startsWith(MEMBER_B + "/" + EAST + " fleetopt-orders-api-"))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no guard alarm of B's orders-api: " + guardAlarms));
        String aliasedArn = ofB.alarmArn().replace(":" + MEMBER_B + ":", ":" + MEMBER_A + ":");
        AlarmRollbackResult otherAccount = deliverToTheRollbackFunction(handler, forwarded(ofB, MEMBER_A, EAST, aliasedArn, ofB.alarmDescription()));
        assertEquals(AlarmRollbackVerdict.REFUSED, otherAccount.verdict(), otherAccount.detail());
        assertTrue(otherAccount.detail().startsWith("alarm " + ofB.alarmName() + " is in account " + MEMBER_A
                + ", but its description names orders-api of account " + MEMBER_B), otherAccount.detail());
        String undeployedArn = arn(UNDEPLOYED, EAST, "orders-api");
        String notMemberAlarm = "arn:aws:cloudwatch:" + EAST + ":" + UNDEPLOYED + ":alarm:" + ofB.alarmName();
        AlarmRollbackResult notMember = deliverToTheRollbackFunction(handler, forwarded(ofB, UNDEPLOYED, EAST, notMemberAlarm,
                GuardAlarmLabel.describe("errors after fleetopt changed its memory", runId, undeployedArn)));
        assertEquals(AlarmRollbackVerdict.REFUSED, notMember.verdict(), notMember.detail());
        assertTrue(notMember.detail().startsWith("the alarm's event comes from account " + UNDEPLOYED + ", which is not one of "
                + "this deployment's member accounts"), notMember.detail());
        assertEquals(now, fleets(), "the refused events changed nothing");
        assertEquals(rollbackEntries.size() + 2 * approved.size(), ledger.entriesOfRun(runId).size(), "nothing recorded for them");
        assertEquals(List.of(), management.drain(notificationQueue), "no notice for the refused events");
        System.out.println("organization run on moto: the rollback of orders-worker in " + target + " on its alarm took "
                + rollbackTime.toMillis() + " ms");
    }

    /**
     * The "CloudWatch Alarm State Change" event as the member stack's forwarding rule delivers it to the management
     * account's bus (EventBridge keeps it as CloudWatch emitted it in {@code account} and {@code region}), for
     * {@code alarm} as moto holds it; {@code alarmArn} and {@code description} as given.
     */
    private AlarmStateChangeEvent forwarded(MetricAlarm alarm, String account, String region, String alarmArn, String description)
            throws IOException {
        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC)
                .format(alarm.stateUpdatedTimestamp());
        Map<String, Object> detail = Map.of("alarmName", alarm.alarmName(),
                "state", Map.of("value", "ALARM", "reason", String.valueOf(alarm.stateReason()), "timestamp", at),
                "previousState", Map.of("value", "OK", "timestamp", at),
                "configuration", Map.of("description", description));
        String json = new String(JSON.writeValueAsBytes(Map.of("version", "0", "id", java.util.UUID.randomUUID().toString(),
                "detail-type", "CloudWatch Alarm State Change", "source", "aws.cloudwatch", "account", account,
                "time", alarm.stateUpdatedTimestamp().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                "region", region, "resources", List.of(alarmArn), "detail", detail)), java.nio.charset.StandardCharsets.UTF_8);
        return codec.read(json, AlarmStateChangeEvent.class, "the forwarded event");
    }

    /**
     * The Rollback function's handler, in AWS mode with the environment the stack gives it, signing as its role (one
     * handler for the events delivered in turn, as one warm Lambda instance).
     */
    private AlarmRollbackResult deliverToTheRollbackFunction(RollbackHandler handler, AlarmStateChangeEvent event) {
        EmulatedAccount.AccessKey key = stageKeys.get("Rollback");
        System.setProperty("aws.accessKeyId", key.id());
        System.setProperty("aws.secretAccessKey", key.secret());
        return AwsCallRecorder.as("Rollback", () -> handler.execute(event));
    }

    /** Of {@code variables}, those the stack gives {@code state}'s function (the member settings go to three of them). */
    private Map<String, String> only(String state, Map<String, String> variables) {
        Map<String, Object> environment = environments.get("fleetopt-" + state);
        Map<String, String> out = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (environment.containsKey(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    /** Each call a stage made needs its action in its role's grants; a call through the member role, in the member role's. */
    private void assertEveryCallIsGranted(Map<String, Map<String, Long>> calls) {
        Set<String> memberRoleGrants = memberRoleStatements().stream().filter(s -> "Allow".equals(s.get("Effect")))
                .flatMap(s -> SynthesizedStack.actions(s).stream()).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        calls.forEach((principal, actions) -> {
            Set<String> granted = principal.endsWith(AwsCallRecorder.AS_MEMBER_ROLE) ? memberRoleGrants
                    : synth.statementsOfRole(principal + "Role").stream().filter(s -> "Allow".equals(s.get("Effect")))
                    .flatMap(s -> SynthesizedStack.actions(s).stream()).collect(Collectors.toSet());
            Set<String> needed = new TreeSet<>(actions.keySet());
            if (needed.contains("lambda:GetFunction")) {
                needed.add("lambda:ListTags");
            }
            needed.stream().filter(a -> !granted.contains(a)).forEach(a -> missing.add(principal + " calls " + a));
        });
        assertEquals(List.of(), missing, "calls the synthesized roles do not allow");
    }

    /**
     * Stands in for the review page approving every change of the run index (moto's Step Functions cannot resume an
     * execution of aws-local-stepfunctions: see docs/emulator-gaps.md): the decision over the index it would write, and
     * the task result it would send.
     */
    @SuppressWarnings("unchecked")
    private String approveEveryIndexedChange(Map<String, Object> payload, ArtifactStore store) throws IOException {
        Map<String, Object> run = (Map<String, Object>) payload.get("run");
        String runId = (String) run.get("runId");
        RunIndex index = codec.read(store.get((String) run.get("planKey")).orElseThrow(), RunIndex.class, "index");
        List<IndexedPlans.TargetPlan> plans = IndexedPlans.read(new DocumentStore(store, codec), index);
        List<String> approved = plans.stream().flatMap(t -> t.plan().applicableItems().stream()).map(Recommendation::id).toList();
        Decision decision = new Decision(Decision.SCHEMA_VERSION, runId, PlanDigest.ofIndex(index), approved, List.of(),
                "approver@example.com (review page)", Instant.now(), null, null);
        String decisionKey = "runs/" + runId + "/decisions/review-page.json";
        Decision recorded = new DecisionWriter(store, codec).write(decisionKey, decision, index, plans, null);
        return "{\"output\":" + codec.writeLine(io.fleetopt.core.model.ApprovalOutput.of(decisionKey, recorded)) + "}";
    }

    /**
     * Before a stage's handler runs, its SDK clients sign with its user's key (the default chain reads it from the JVM's
     * system properties). Those are one for the whole JVM, and the Map's children run at once (a child's AnalyzeTarget
     * beside another's CollectTarget), so the handlers run one at a time here, each with its own key, as each Lambda
     * function has its own role's credentials.
     */
    private HandlerBridge.Observer signAsTheStage() {
        HandlerBridge.Observer recorder = AwsCallRecorder.observer();
        java.util.concurrent.locks.ReentrantLock oneStageAtATime = new java.util.concurrent.locks.ReentrantLock();
        return new HandlerBridge.Observer() {
            @Override
            public void entering(String state) {
                oneStageAtATime.lock();
                EmulatedAccount.AccessKey key = stageKeys.get(state);
                System.setProperty("aws.accessKeyId", key.id());
                System.setProperty("aws.secretAccessKey", key.secret());
                recorder.entering(state);
            }

            @Override
            public void left(String state) {
                recorder.left(state);
                oneStageAtATime.unlock();
            }
        };
    }

    /** The context of a Task's handler: the environment the CDK app gives its function (and {@code changed}), moto as the endpoint. */
    private ApplicationContextBuilder contextOf(String state, Map<String, String> changed) {
        Map<String, Object> environment = new LinkedHashMap<>(environments.get("fleetopt-" + state));
        environment.putAll(changed);
        environment.put("FLEETOPT_ENDPOINT_URL", moto.endpoint().toString());
        return ApplicationContext.builder()
                .propertySources(PropertySource.of("lambda-environment", environment,
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .deduceEnvironment(false);
    }

    /** Every function's settings in every emulated (account, region). */
    private Map<String, FleetState> fleets() {
        Map<String, FleetState> out = new TreeMap<>();
        accounts.forEach((target, account) -> out.put(target, FleetState.read(account)));
        return out;
    }

    private static String arn(String accountId, String region, String function) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + function;
    }

    private static String accountOf(Recommendation item) {
        return item.functionArn().split(":")[4];
    }

    private static String regionOf(Recommendation item) {
        return item.functionArn().split(":")[3];
    }

    private static List<Map<String, Object>> envelopes(List<String> bodies) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String body : bodies) {
            out.add(JSON.readValue(body, Argument.mapOf(String.class, Object.class)));
        }
        return out;
    }

    private static String describe(List<Recommendation> items) {
        return items.stream().map(i -> accountOf(i) + "/" + regionOf(i) + " " + i.functionName() + " " + i.kind() + " "
                + i.currentValue() + " -> " + i.proposedValue()).toList().toString();
    }
}
