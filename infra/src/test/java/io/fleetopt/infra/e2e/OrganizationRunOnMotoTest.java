package io.fleetopt.infra.e2e;

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
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DecisionWriter;
import io.fleetopt.core.port.DocumentStore;
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
 * <p>Not covered here yet, because main did not have them when this was written: guard alarms in member accounts
 * and a rollback through the member role (their place is marked in the first test).
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
        assertEquals(Map.of("AnalyzeTarget", 4L, "ApplyItem", (long) approved.size(), "CollectTarget", 4L, "IndexRun", 1L,
                "ListTargets", 1L, "NotifySummary", 1L, "PromoteCanaries", 1L, "RecordApplyResult", 1L, "RequestApproval", 1L,
                "VerifyEarlierChanges", 1L), calledTimes);
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
        assertTrue(summary.contains("Changes in member accounts have no guard alarms yet"), summary);
        assertTrue(summary.contains(ArtifactKeys.index(runId)), summary);
        // the place for guard alarms in member accounts and a rollback through the member role, once main has them:
        // the alarms of each changed function in its own account and region, and the run's rollback restoring
        // `before` in every account

        // every call each stage made was granted by its role, and every call made through the member role by the member
        // stack's policy; CollectTarget and ApplyItem did reach the member accounts through it
        Map<String, Map<String, Long>> calls = AwsCallRecorder.calls();
        assertEveryCallIsGranted(calls);
        assertTrue(calls.keySet().containsAll(List.of("CollectTarget" + AwsCallRecorder.AS_MEMBER_ROLE,
                "ApplyItem" + AwsCallRecorder.AS_MEMBER_ROLE)), calls.keySet().toString());
        assertTrue(calls.get("CollectTarget").containsKey("sts:AssumeRole") && calls.get("ApplyItem").containsKey("sts:AssumeRole"),
                calls.toString());
        System.out.println("organization run on moto: " + runTime.toMillis() + " ms for the execution over " + targets.size()
                + " targets, " + approved.size() + " changes applied: " + describe(approved) + "\n  states " + calledTimes
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
