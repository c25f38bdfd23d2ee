package io.fleetopt.infra;

import io.fleetopt.applier.aws.LambdaAliasRouter;
import io.fleetopt.aws.DynamoDbChangeLedger;
import io.fleetopt.aws.DynamoDbRunLease;
import io.fleetopt.aws.LambdaSettingsReader;
import io.fleetopt.aws.S3ArtifactStore;
import io.fleetopt.applier.aws.SnsRollbackNotices;
import io.fleetopt.collector.aws.AwsFleetSource;
import io.fleetopt.aws.MemberRole;
import io.fleetopt.applier.aws.MemberRoleAdapters;
import io.fleetopt.collector.aws.OrganizationAccounts;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.notifier.aws.CloudWatchAlarmPort;
import io.fleetopt.notifier.aws.CloudWatchFunctionUsage;
import io.fleetopt.notifier.aws.MemberAccountAlarms;
import io.fleetopt.notifier.aws.S3PresignedReportLinks;
import io.fleetopt.notifier.aws.CostExplorerCostHistory;
import io.fleetopt.notifier.aws.MemberAccountReads;
import io.fleetopt.notifier.aws.SnsMessageSender;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.fleetopt.infra.StageFunction.calls;

/**
 * Everything fleetopt runs on in one account: the stage functions, the weekly state machine and its schedule,
 * the artifact bucket, the change ledger, the approval and notification topics, the automatic rollback on a guard
 * alarm ({@link AutoRollback}), and alarms on its own failures.
 * The approval review endpoint ({@link ApprovalEndpoint}) resumes the run waiting at RequestApproval.
 */
public final class FleetoptStack extends Stack {

    /**
     * Java 25 is the newest Java managed runtime of Lambda, and SnapStart supports every Java managed runtime
     * from Java 11 on: the stages are compiled for Java 21 ({@code --release 21}) and run unchanged on it, with
     * Corretto 25's newer JIT and GC. Lambda's Java 21 runtime would work as well; 25 is supported longer.
     */
    public static final Runtime RUNTIME = Runtime.JAVA_25;
    public static final String ALIAS_NAME = "live";
    public static final String OWN_FUNCTION_TAG = FunctionConfig.OWN_FUNCTION_TAG;

    private static final List<String> READS = S3ArtifactStore.READ_IAM_ACTIONS;
    private static final List<String> WRITES = S3ArtifactStore.WRITE_IAM_ACTIONS;
    private static final List<String> SENDS = SnsMessageSender.IAM_ACTIONS;
    private static final List<String> LEASE = DynamoDbRunLease.IAM_ACTIONS;
    /** The weekly report: stored beside the run's documents, linked by a GET its role presigns. */
    private static final List<String> REPORTS = StageFunction.calls(WRITES, S3PresignedReportLinks.IAM_ACTIONS);
    private static final List<String> APPLIES = StageFunction.calls(DynamoDbChangeLedger.APPEND_IAM_ACTIONS,
            DynamoDbChangeLedger.READ_IAM_ACTIONS, LEASE, ApplierPermissions.standard(), LambdaAliasRouter.IAM_ACTIONS);

    /**
     * The functions of the state machine's Task states, by state name, each with what its code calls: documents
     * read and written, the ledger, its topic, and the AWS adapters of its stage.
     */
    public static final List<StageFunction> FUNCTIONS = List.of(
            new StageFunction("VerifyEarlierChanges", "notifier", "io.fleetopt.notifier.VerifyEarlierChangesHandler", 1024, 300,
                    calls(READS, WRITES, DynamoDbChangeLedger.READ_IAM_ACTIONS, CostExplorerCostHistory.IAM_ACTIONS,
                            CloudWatchFunctionUsage.IAM_ACTIONS, LambdaSettingsReader.IAM_ACTIONS, MemberAccountReads.IAM_ACTIONS)),
            new StageFunction("PromoteCanaries", "applier", "io.fleetopt.applier.PromoteCanariesHandler", 1024, 300,
                    calls(DynamoDbChangeLedger.APPEND_IAM_ACTIONS, DynamoDbChangeLedger.READ_IAM_ACTIONS, LambdaAliasRouter.IAM_ACTIONS)),
            new StageFunction("Collect", "collector", "io.fleetopt.collector.CollectHandler", 2048, 900,
                    calls(WRITES, AwsFleetSource.IAM_ACTIONS)),
            new StageFunction("Analyze", "analyzer", "io.fleetopt.analyzer.AnalyzeHandler", 2048, 300, calls(READS, WRITES)),
            // a run over member accounts (MemberAccountSettings): one child execution per (account, region)
            new StageFunction("ListTargets", "collector", "io.fleetopt.collector.ListTargetsHandler", 1024, 120,
                    calls(WRITES, OrganizationAccounts.IAM_ACTIONS)),
            new StageFunction("CollectTarget", "collector", "io.fleetopt.collector.CollectTargetHandler", 2048, 900,
                    calls(WRITES, MemberRole.IAM_ACTIONS)),
            new StageFunction("AnalyzeTarget", "analyzer", "io.fleetopt.analyzer.AnalyzeTargetHandler", 2048, 300, calls(READS, WRITES)),
            new StageFunction("IndexRun", "analyzer", "io.fleetopt.analyzer.IndexRunHandler", 1024, 300, calls(READS, WRITES)),
            // the member run's one report: the run's changes read from the ledger by run, stored and linked as the summary's
            new StageFunction("NotifyIndexedPlan", "notifier", "io.fleetopt.notifier.NotifyIndexedPlanHandler", 1024, 60,
                    calls(READS, SENDS, REPORTS, DynamoDbChangeLedger.READ_IAM_ACTIONS)),
            new StageFunction("NotifyNoChanges", "notifier", "io.fleetopt.notifier.NotifyNoChangesHandler", 1024, 60, calls(READS, SENDS, REPORTS)),
            // AutoApply records the policy's decision; ApplyAutoApproved's Map applies it through ApplyItem
            new StageFunction("AutoApply", "applier", "io.fleetopt.applier.AutoApplyHandler", 1024, 60,
                    calls(READS, S3ArtifactStore.READ_VERSION_IAM_ACTIONS, WRITES)),
            // the approvals table and the link key come with the review endpoint (ApprovalEndpoint.REQUEST_APPROVAL_IAM_ACTIONS)
            // the approval side is deployed from the notifier's approval jar (StageCode.NOTIFIER_APPROVAL)
            new StageFunction("RequestApproval", "notifier", "io.fleetopt.notifier.RequestApprovalHandler", 1024, 60,
                    calls(READS, SENDS), StageCode.NOTIFIER_APPROVAL),
            new StageFunction("NotifyRejected", "notifier", "io.fleetopt.notifier.NotifyRejectedHandler", 1024, 60, calls(READS, SENDS),
                    StageCode.NOTIFIER_APPROVAL),
            new StageFunction("NotifyExpired", "notifier", "io.fleetopt.notifier.NotifyExpiredHandler", 1024, 60, calls(READS, SENDS),
                    StageCode.NOTIFIER_APPROVAL),
            // a line of a run over member accounts is applied through its account's member role (MemberRoleAdapters)
            new StageFunction("ApplyItem", "applier", "io.fleetopt.applier.ApplyItemHandler", 1024, 50,
                    calls(READS, WRITES, APPLIES, MemberRoleAdapters.IAM_ACTIONS)),
            new StageFunction("RecordApplyResult", "applier", "io.fleetopt.applier.RecordApplyResultHandler", 1024, 120,
                    calls(READS, S3ArtifactStore.READ_VERSION_IAM_ACTIONS, WRITES, LEASE)),
            // a run over member accounts: each function's alarms in its own account, through the member role (MemberAccountAlarms)
            new StageFunction("WireAlarms", "notifier", "io.fleetopt.notifier.WireAlarmsHandler", 1024, 300,
                    calls(READS, DynamoDbChangeLedger.READ_IAM_ACTIONS, CloudWatchAlarmPort.IAM_ACTIONS, MemberAccountAlarms.IAM_ACTIONS)),
            new StageFunction("NotifySummary", "notifier", "io.fleetopt.notifier.NotifySummaryHandler", 1024, 60, calls(READS, SENDS, REPORTS)),
            new StageFunction("NotifyFailure", "notifier", "io.fleetopt.notifier.NotifyFailureHandler", 1024, 60, calls(SENDS)));

    /**
     * The functions that run outside the state machine, on an event: Rollback, on a guard alarm's ALARM
     * ({@link AutoRollback}). What its code calls: the run's snapshot, the ledger and the run's lease, the applier's
     * reads and writes, its notices, and a member account's change through that account's member role
     * (MemberRoleAdapters, as ApplyItem).
     */
    public static final List<StageFunction> EVENT_FUNCTIONS = List.of(
            new StageFunction("Rollback", "applier", "io.fleetopt.applier.RollbackHandler", 1024, 300,
                    calls(READS, APPLIES, SnsRollbackNotices.IAM_ACTIONS, MemberRoleAdapters.IAM_ACTIONS)));

    /** Every stage function: the state machine's and the event-driven ones. */
    public static List<StageFunction> allFunctions() {
        return java.util.stream.Stream.concat(FUNCTIONS.stream(), EVENT_FUNCTIONS.stream()).toList();
    }

    /**
     * The states that read the member account settings: ListTargets lists the accounts, and the states that assume
     * member roles ({@link MemberStackSettings#TRUSTED_STATES}).
     */
    static final java.util.Set<String> MEMBER_ACCOUNT_STATES = java.util.stream.Stream.concat(java.util.stream.Stream.of("ListTargets"),
            MemberStackSettings.TRUSTED_STATES.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final FleetoptSettings settings;
    private final MemberAccountSettings members;
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final Bucket artifacts;
    private final Table ledger;
    private final Topic approvalTopic;
    private final Topic notificationTopic;
    private final StateMachine stateMachine;

    public FleetoptStack(Construct scope, String id, StackProps props, FleetoptSettings settings, StageCode code,
                         Path stateMachineDefinition) {
        this(scope, id, props, settings, MemberAccountSettings.none(), code, stateMachineDefinition);
    }

    public FleetoptStack(Construct scope, String id, StackProps props, FleetoptSettings settings, MemberAccountSettings members,
                         StageCode code, Path stateMachineDefinition) {
        super(scope, id, props);
        this.settings = settings;
        this.members = members;

        Key key = Key.Builder.create(this, "TopicKey")
                .description("fleetopt: encrypts the approval and notification topics")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // CloudWatch alarms of this account publish to the encrypted notification topic.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AlarmsOfThisAccountPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount())))
                .build());

        approvalTopic = topic("ApprovalTopic", "fleetopt approvals", key);
        notificationTopic = topic("NotificationTopic", "fleetopt notifications", key);

        Bucket accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs")
                        .expiration(Duration.days(settings.artifactRetentionDays())).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(accessLogs, List.of(suppress("AwsSolutions-S1",
                "This is the server access log bucket of the artifact bucket; logging its own access would loop.")));

        artifacts = Bucket.Builder.create(this, "Artifacts")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(true)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("artifacts/")
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-run-documents")
                        .expiration(Duration.days(settings.artifactRetentionDays()))
                        .noncurrentVersionExpiration(Duration.days(7))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        ledger = Table.Builder.create(this, "Ledger")
                .partitionKey(Attribute.builder().name(DynamoDbChangeLedger.PARTITION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(DynamoDbChangeLedger.SORT_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // the ledger is read by key, never scanned: a function's changes across runs, and one day's entries
        ledger.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(DynamoDbChangeLedger.BY_FUNCTION)
                .partitionKey(Attribute.builder().name(DynamoDbChangeLedger.FUNCTION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(DynamoDbChangeLedger.AT_KEY).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL).build());
        ledger.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(DynamoDbChangeLedger.BY_DAY)
                .partitionKey(Attribute.builder().name(DynamoDbChangeLedger.DAY_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(DynamoDbChangeLedger.AT_KEY).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL).build());

        for (StageFunction stage : allFunctions()) {
            addFunction(stage, code);
        }
        grantStagePermissions();

        LogGroup stateMachineLogs = LogGroup.Builder.create(this, "WeeklyRunLogs")
                .retention(retention(settings.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (StageFunction stage : FUNCTIONS) {
            substitutions.put(stage.substitution(), aliases.get(stage.state()).getFunctionArn());
        }
        substitutions.put("ApprovalTimeoutSeconds", String.valueOf(settings.approvalTimeoutSeconds()));
        substitutions.put("ToleratedFailurePercentage", String.valueOf(ApplyPolicy.toleratedFailurePercentage(this)));
        substitutions.put("ToleratedTargetFailurePercentage", String.valueOf(ApplyPolicy.toleratedTargetFailurePercentage(this)));
        substitutions.put("Organization", String.valueOf(members.configured()));
        substitutions.put("ArtifactBucketName", artifacts.getBucketName());
        stateMachine = StateMachine.Builder.create(this, "WeeklyRun")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromFile(stateMachineDefinition.toString()))
                .definitionSubstitutions(substitutions)
                .logs(LogOptions.builder().destination(stateMachineLogs).level(LogLevel.ALL).includeExecutionData(true).build())
                .tracingEnabled(true)
                .build();
        for (Alias alias : aliases.values()) {
            alias.grantInvoke(stateMachine);
        }
        DistributedMapPermissions.grant(this, stateMachine, artifacts);
        NagSuppressions.addResourceSuppressions(stateMachine, List.of(suppress("AwsSolutions-IAM5",
                "CloudWatch Logs delivery (logs:CreateLogDelivery and the rest) and X-Ray (xray:PutTraceSegments and "
                        + "the rest) do not support resource-level permissions, so Step Functions' logging and tracing "
                        + "need Resource *.", "Resource::*")), true);

        if (members.configured()) {
            new MemberAccountsRun(this, "MemberAccountsRun", stateMachine, artifacts);
            // the member stacks forward their guard alarms' ALARM here, to the AutoRollback rule
            new MemberAlarmEvents(this, "MemberAlarmEvents", members);
        }

        Rule schedule = Rule.Builder.create(this, "WeeklySchedule")
                .description("Starts fleetopt's weekly run")
                .schedule(Schedule.expression(settings.schedule()))
                .targets(List.of(SfnStateMachine.Builder.create(stateMachine).retryAttempts(3).build()))
                .build();

        ApprovalEndpoint review = new ApprovalEndpoint(this, "ReviewEndpoint", new ApprovalEndpoint.Wiring(code,
                ownNamePrefix() + "ReviewEndpoint", retention(settings.logRetentionDays()), artifacts, stateMachine,
                functions.get("RequestApproval")));

        AutoRollback autoRollback = new AutoRollback(this, "AutoRollback", aliases.get("Rollback"));

        addAlarms();
        alarm("RollbackEventsUndelivered", "fleetopt: a guard alarm's state change could not be handled by the Rollback "
                        + "function after its retries (in the RollbackEventsDlq queue)",
                autoRollback.deadLetters().metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()), new SnsAction(notificationTopic));
        alarm("ReviewEndpointErrors", "fleetopt review endpoint reported errors",
                review.function().metricErrors(MetricOptions.builder().period(Duration.minutes(5)).build()),
                new SnsAction(notificationTopic));

        OperationsDashboard operations = new OperationsDashboard(this, "Operations", getStackName(), stateMachine);
        Aspects.of(this).add(new FunctionLogging(ownNamePrefix()));

        CfnOutput.Builder.create(this, "DashboardName").value(operations.dashboard().getDashboardName()).build();
        CfnOutput.Builder.create(this, "StateMachineArn").value(stateMachine.getStateMachineArn()).build();
        CfnOutput.Builder.create(this, "ArtifactBucketName").value(artifacts.getBucketName()).build();
        CfnOutput.Builder.create(this, "LedgerTableName").value(ledger.getTableName()).build();
        CfnOutput.Builder.create(this, "ApprovalTopicArn").value(approvalTopic.getTopicArn()).build();
        CfnOutput.Builder.create(this, "NotificationTopicArn").value(notificationTopic.getTopicArn()).build();
        CfnOutput.Builder.create(this, "ScheduleRuleName").value(schedule.getRuleName()).build();
        CfnOutput.Builder.create(this, "AutoRollbackRuleName").value(autoRollback.rule().getRuleName()).build();
        if (members.configured()) {
            // what `fleetopt rollback --stack` needs to restore a member account's change through its member role (the
            // external id is a plain setting, as in the member stages' environment, not a secret)
            CfnOutput.Builder.create(this, "MemberRoleName").value(members.memberRoleName()).build();
            CfnOutput.Builder.create(this, "MemberRoleExternalId").value(members.externalId()).build();
            CfnOutput.Builder.create(this, "MemberRolePartition").value(getPartition()).build();
            if (!members.memberAccounts().isEmpty()) {
                CfnOutput.Builder.create(this, "MemberAccounts").value(String.join(",", members.memberAccounts())).build();
            }
        }
    }

    private Topic topic(String id, String displayName, Key key) {
        Topic topic = Topic.Builder.create(this, id).displayName(displayName).masterKey(key).enforceSsl(true).build();
        for (String email : settings.approverEmails()) {
            topic.addSubscription(new EmailSubscription(email));
        }
        return topic;
    }

    private void addFunction(StageFunction stage, StageCode code) {
        String id = stage.state();
        LogGroup logs = LogGroup.Builder.create(this, id + "Logs")
                .logGroupName("/aws/lambda/" + functionName(stage))
                .retention(retention(settings.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // Its own role: no managed policy, only what this stage needs (see StagePermissions).
        Role role = Role.Builder.create(this, id + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("fleetopt " + stage.state() + " (" + stage.module() + ")")
                .build();
        logs.grantWrite(role);
        Function function = Function.Builder.create(this, id + "Function")
                .functionName(functionName(stage))
                .description("fleetopt " + stage.state() + " state (" + stage.module() + ")")
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(stage.handlerClass() + "::handleRequest")
                .code(code.of(stage.jar()))
                .memorySize(stage.memoryMb())
                .timeout(Duration.seconds(stage.timeoutSeconds()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .tracing(Tracing.ACTIVE)
                .logGroup(logs)
                .role(role)
                .environment(environment(stage))
                .build();
        Tags.of(function).add(OWN_FUNCTION_TAG, stage.component());
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "SnapStart applies to the version published here, which the state machine invokes through the alias");
        Alias alias = Alias.Builder.create(this, id + "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
        NagSuppressions.addResourceSuppressions(role, List.of(suppress("AwsSolutions-IAM5",
                "X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support "
                        + "resource-level permissions.", "Resource::*")), true);
        functions.put(id, function);
        aliases.put(id, alias);
    }

    /** The configuration every stage reads; the approval request goes to the approvers' topic, the rest to the notification topic. */
    private Map<String, String> environment(StageFunction stage) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLEETOPT_ACCOUNT", "aws");
        env.put("FLEETOPT_ARTIFACT_BUCKET", artifacts.getBucketName());
        env.put("FLEETOPT_LEDGER_TABLE", ledger.getTableName());
        env.put("FLEETOPT_NOTIFIER_TOPIC_ARN", topicOf(stage).getTopicArn());
        env.put("FLEETOPT_COLLECTOR_REGIONS", String.join(",", settings.regions()));
        putIfAny(env, "FLEETOPT_COLLECTOR_SCOPE_TAGS", settings.scopeTags());
        putIfAny(env, "FLEETOPT_COLLECTOR_NAME_PATTERNS", settings.namePatterns());
        putIfAny(env, "FLEETOPT_APPLIER_AUTO_APPROVE_RISKS", settings.autoApproveRisks());
        env.put("FLEETOPT_APPLIER_OWN_NAME_PREFIX", ownNamePrefix());
        // the summary's undo command: fleetopt rollback --stack NAME --region REGION (Lambda's AWS_REGION when not fixed here)
        env.put("FLEETOPT_STACK_NAME", getStackName());
        if (!software.amazon.awscdk.Token.isUnresolved(getRegion())) {
            env.put("FLEETOPT_STACK_REGION", getRegion());
        }
        if (MEMBER_ACCOUNT_STATES.contains(stage.state())) {
            env.putAll(members.environment(getPartition()));
        }
        return env;
    }

    private static void putIfAny(Map<String, String> env, String name, List<String> values) {
        if (!values.isEmpty()) {
            env.put(name, String.join(",", values));
        }
    }

    /** Each stage's role may do what the stage's code declares, on the resources of this deployment (StagePermissions). */
    private void grantStagePermissions() {
        StagePermissions permissions = new StagePermissions(this, settings, artifacts, ledger, ownNamePrefix(), members);
        for (StageFunction stage : allFunctions()) {
            permissions.grant(stage, role(stage.state()), topicOf(stage));
        }
    }

    /** The approval request goes to the approvers' topic, every other message to the notification topic. */
    private Topic topicOf(StageFunction stage) {
        return "RequestApproval".equals(stage.state()) ? approvalTopic : notificationTopic;
    }

    /** The optimizer's own functions are named {@code <stack name>-<state>}, so one prefix names them all. */
    private String ownNamePrefix() {
        return getStackName() + "-";
    }

    private String functionName(StageFunction stage) {
        return ownNamePrefix() + stage.state();
    }

    /** The optimizer's own failures reach people: any stage error, and any failed or timed-out run. */
    private void addAlarms() {
        SnsAction notify = new SnsAction(notificationTopic);
        MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).build();
        for (Map.Entry<String, Function> entry : functions.entrySet()) {
            alarm(entry.getKey() + "Errors", "fleetopt " + entry.getKey() + " function reported errors",
                    entry.getValue().metricErrors(fiveMinutes), notify);
        }
        alarm("WeeklyRunFailed", "fleetopt weekly run failed", stateMachine.metricFailed(fiveMinutes), notify);
        alarm("WeeklyRunTimedOut", "fleetopt weekly run timed out", stateMachine.metricTimedOut(fiveMinutes), notify);
        alarm("WeeklyRunAborted", "fleetopt weekly run was aborted", stateMachine.metricAborted(fiveMinutes), notify);
    }

    private void alarm(String id, String description, IMetric metric, SnsAction action) {
        Alarm alarm = Alarm.Builder.create(this, id + "Alarm")
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(action);
    }

    private Role role(String state) {
        return (Role) functions.get(state).getRole();
    }

    private static NagPackSuppression suppress(String id, String reason, String... appliesTo) {
        NagPackSuppression.Builder builder = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            builder.appliesTo(List.of((Object[]) appliesTo));
        }
        return builder.build();
    }

    private static final Map<Integer, RetentionDays> RETENTION = Map.ofEntries(
            Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS), Map.entry(5, RetentionDays.FIVE_DAYS),
            Map.entry(7, RetentionDays.ONE_WEEK), Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
            Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
            Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
            Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
            Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
            Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1096, RetentionDays.THREE_YEARS),
            Map.entry(1827, RetentionDays.FIVE_YEARS), Map.entry(2192, RetentionDays.SIX_YEARS),
            Map.entry(2557, RetentionDays.SEVEN_YEARS), Map.entry(2922, RetentionDays.EIGHT_YEARS),
            Map.entry(3288, RetentionDays.NINE_YEARS), Map.entry(3653, RetentionDays.TEN_YEARS));

    private static RetentionDays retention(int days) {
        RetentionDays retention = RETENTION.get(days);
        if (retention == null) {
            throw new IllegalArgumentException("no CloudWatch Logs retention of " + days + " days");
        }
        return retention;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
