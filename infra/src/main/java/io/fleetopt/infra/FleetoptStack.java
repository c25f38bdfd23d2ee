package io.fleetopt.infra;

import io.fleetopt.core.model.FunctionConfig;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Annotations;
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
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.iam.Effect;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything fleetopt runs on in one account: the stage functions, the weekly state machine and its schedule,
 * the artifact bucket, the change ledger, the approval and notification topics, and alarms on its own failures.
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

    /** The functions of the state machine's Task states, by state name. */
    public static final List<StageFunction> FUNCTIONS = List.of(
            new StageFunction("VerifyEarlierChanges", "notifier", "io.fleetopt.notifier.VerifyEarlierChangesHandler", 1024, 300),
            new StageFunction("Collect", "collector", "io.fleetopt.collector.CollectHandler", 2048, 900),
            new StageFunction("Analyze", "analyzer", "io.fleetopt.analyzer.AnalyzeHandler", 2048, 300),
            new StageFunction("NotifyNoChanges", "notifier", "io.fleetopt.notifier.NotifyNoChangesHandler", 1024, 60),
            new StageFunction("AutoApply", "applier", "io.fleetopt.applier.AutoApplyHandler", 1024, 900),
            new StageFunction("RequestApproval", "notifier", "io.fleetopt.notifier.RequestApprovalHandler", 1024, 60),
            new StageFunction("NotifyRejected", "notifier", "io.fleetopt.notifier.NotifyRejectedHandler", 1024, 60),
            new StageFunction("NotifyExpired", "notifier", "io.fleetopt.notifier.NotifyExpiredHandler", 1024, 60),
            new StageFunction("ApplyItem", "applier", "io.fleetopt.applier.ApplyItemHandler", 1024, 120),
            new StageFunction("RecordApplyResult", "applier", "io.fleetopt.applier.RecordApplyResultHandler", 1024, 120),
            new StageFunction("WireAlarms", "notifier", "io.fleetopt.notifier.WireAlarmsHandler", 1024, 300),
            new StageFunction("NotifySummary", "notifier", "io.fleetopt.notifier.NotifySummaryHandler", 1024, 60),
            new StageFunction("NotifyFailure", "notifier", "io.fleetopt.notifier.NotifyFailureHandler", 1024, 60));

    private final FleetoptSettings settings;
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final Bucket artifacts;
    private final Table ledger;
    private final Topic approvalTopic;
    private final Topic notificationTopic;
    private final StateMachine stateMachine;

    public FleetoptStack(Construct scope, String id, StackProps props, FleetoptSettings settings, StageCode code,
                         Path stateMachineDefinition) {
        super(scope, id, props);
        this.settings = settings;

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
                .partitionKey(Attribute.builder().name("runId").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("entryKey").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        for (StageFunction stage : FUNCTIONS) {
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
        NagSuppressions.addResourceSuppressions(stateMachine, List.of(suppress("AwsSolutions-IAM5",
                "CloudWatch Logs delivery (logs:CreateLogDelivery and the rest) and X-Ray (xray:PutTraceSegments and "
                        + "the rest) do not support resource-level permissions, so Step Functions' logging and tracing "
                        + "need Resource *.", "Resource::*")), true);

        Rule schedule = Rule.Builder.create(this, "WeeklySchedule")
                .description("Starts fleetopt's weekly run")
                .schedule(Schedule.expression(settings.schedule()))
                .targets(List.of(SfnStateMachine.Builder.create(stateMachine).retryAttempts(3).build()))
                .build();

        ApprovalEndpoint review = new ApprovalEndpoint(this, "ReviewEndpoint", new ApprovalEndpoint.Wiring(code,
                ownNamePrefix() + "ReviewEndpoint", retention(settings.logRetentionDays()), artifacts, stateMachine,
                functions.get("RequestApproval")));

        addAlarms();
        alarm("ReviewEndpointErrors", "fleetopt review endpoint reported errors",
                review.function().metricErrors(MetricOptions.builder().period(Duration.minutes(5)).build()),
                new SnsAction(notificationTopic));

        CfnOutput.Builder.create(this, "StateMachineArn").value(stateMachine.getStateMachineArn()).build();
        CfnOutput.Builder.create(this, "ArtifactBucketName").value(artifacts.getBucketName()).build();
        CfnOutput.Builder.create(this, "LedgerTableName").value(ledger.getTableName()).build();
        CfnOutput.Builder.create(this, "ApprovalTopicArn").value(approvalTopic.getTopicArn()).build();
        CfnOutput.Builder.create(this, "NotificationTopicArn").value(notificationTopic.getTopicArn()).build();
        CfnOutput.Builder.create(this, "ScheduleRuleName").value(schedule.getRuleName()).build();
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
        // Its own role: no managed policy, only what this stage needs (see grantStagePermissions).
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
                .code(code.of(stage.module()))
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
        env.put("FLEETOPT_NOTIFIER_TOPIC_ARN", "RequestApproval".equals(stage.state())
                ? approvalTopic.getTopicArn() : notificationTopic.getTopicArn());
        env.put("FLEETOPT_COLLECTOR_REGIONS", String.join(",", settings.regions()));
        putIfAny(env, "FLEETOPT_COLLECTOR_SCOPE_TAGS", settings.scopeTags());
        putIfAny(env, "FLEETOPT_COLLECTOR_NAME_PATTERNS", settings.namePatterns());
        putIfAny(env, "FLEETOPT_APPLIER_AUTO_APPROVE_RISKS", settings.autoApproveRisks());
        return env;
    }

    private static void putIfAny(Map<String, String> env, String name, List<String> values) {
        if (!values.isEmpty()) {
            env.put(name, String.join(",", values));
        }
    }

    /** Least privilege per stage: each reads and writes only the documents, tables and topics its state needs. */
    private void grantStagePermissions() {
        // Documents: the stages that read the run's documents, and the ones that write them, under runs/ only.
        for (String state : List.of("VerifyEarlierChanges", "Analyze", "NotifyNoChanges", "AutoApply", "RequestApproval",
                "NotifyRejected", "NotifyExpired", "ApplyItem", "RecordApplyResult", "WireAlarms", "NotifySummary")) {
            readRunDocuments(role(state));
        }
        for (String state : List.of("Collect", "Analyze", "AutoApply", "ApplyItem", "RecordApplyResult",
                "VerifyEarlierChanges")) {
            role(state).addToPrincipalPolicy(PolicyStatement.Builder.create().sid("WriteRunDocuments")
                    .actions(List.of("s3:PutObject")).resources(List.of(artifacts.arnForObjects("runs/*"))).build());
        }
        suppressRunDocumentWildcards();

        // Ledger: entries are only appended (ChangeLedger), so the appliers may put and read, never update or delete.
        for (String state : List.of("AutoApply", "ApplyItem")) {
            role(state).addToPrincipalPolicy(PolicyStatement.Builder.create().sid("AppendToLedger")
                    .actions(List.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"))
                    .resources(List.of(ledger.getTableArn())).build());
        }
        role("WireAlarms").addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReadLedger")
                .actions(List.of("dynamodb:GetItem", "dynamodb:Query"))
                .resources(List.of(ledger.getTableArn())).build());
        // realized savings look at every run's standing changes, so this stage reads the whole (append-only) ledger
        role("VerifyEarlierChanges").addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReadLedger")
                .actions(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"))
                .resources(List.of(ledger.getTableArn())).build());

        approvalTopic.grantPublish(role("RequestApproval"));
        suppressTopicKeyWildcard(role("RequestApproval"));
        for (String state : List.of("NotifyNoChanges", "NotifyRejected", "NotifyExpired", "NotifySummary", "NotifyFailure")) {
            notificationTopic.grantPublish(role(state));
            suppressTopicKeyWildcard(role(state));
        }

        grantCollectorReads(role("Collect"));
        grantApplierChanges(role("AutoApply"));
        grantApplierChanges(role("ApplyItem"));

        role("VerifyEarlierChanges").addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("CostExplorerReads")
                .actions(List.of("ce:GetCostAndUsage"))
                .resources(List.of("*"))
                .build());
        NagSuppressions.addResourceSuppressions(role("VerifyEarlierChanges"), List.of(suppress("AwsSolutions-IAM5",
                "ce:GetCostAndUsage has no resource type: Cost Explorer only accepts Resource *.", "Resource::*")), true);

        role("WireAlarms").addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("GuardAlarms")
                .actions(List.of("cloudwatch:PutMetricAlarm", "cloudwatch:TagResource", "cloudwatch:DescribeAlarms",
                        "cloudwatch:DeleteAlarms"))
                .resources(List.of("arn:" + getPartition() + ":cloudwatch:" + getRegion() + ":" + getAccount() + ":alarm:fleetopt-*"))
                .build());
        NagSuppressions.addResourceSuppressions(role("WireAlarms"), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Only alarms whose name starts with fleetopt- (the guard alarms this stage creates per changed "
                        + "function, named at run time).")
                .appliesTo(List.of(RegexAppliesTo.builder()
                        .regex("/^Resource::arn:<AWS::Partition>:cloudwatch:[^:]+:[^:]+:alarm:fleetopt-\\*$/").build()))
                .build()), true);
    }

    private static void suppressTopicKeyWildcard(Role role) {
        NagSuppressions.addResourceSuppressions(role, List.of(suppress("AwsSolutions-IAM5",
                "Publishing to the KMS-encrypted topic needs kms:GenerateDataKey* (GenerateDataKey and "
                        + "GenerateDataKeyWithoutPlaintext) on the topic's own key only.",
                "Action::kms:GenerateDataKey*")), true);
    }

    /** Reads of the run's documents; listing under runs/ lets a missing document read as missing, not as denied. */
    private void readRunDocuments(Role role) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReadRunDocuments")
                .actions(List.of("s3:GetObject")).resources(List.of(artifacts.arnForObjects("runs/*"))).build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ListRunDocuments")
                .actions(List.of("s3:ListBucket")).resources(List.of(artifacts.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of("runs/*"))))
                .build());
    }

    private void suppressRunDocumentWildcards() {
        for (StageFunction stage : FUNCTIONS) {
            NagSuppressions.addResourceSuppressions(role(stage.state()), List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-IAM5")
                    .reason("Run documents are keyed by run id (runs/<runId>/...), known only at run time; the stage "
                            + "gets and puts objects under runs/ of the artifact bucket only.")
                    .appliesTo(List.of(RegexAppliesTo.builder()
                            .regex("/^Resource::<Artifacts[A-Z0-9]+\\.Arn>\\/runs\\/\\*$/").build()))
                    .build()), true);
        }
    }

    /** The collector only reads: function configuration, tags, metrics and log groups. */
    private void grantCollectorReads(Role role) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadFunctionsInScope")
                .actions(List.of("lambda:GetFunction", "lambda:GetFunctionConfiguration", "lambda:GetFunctionConcurrency",
                        "lambda:ListTags", "lambda:ListProvisionedConcurrencyConfigs", "lambda:GetFunctionEventInvokeConfig"))
                .resources(functionArnsInScope())
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ListAccountWide")
                .actions(List.of("lambda:ListFunctions", "lambda:GetAccountSettings", "cloudwatch:GetMetricData",
                        "tag:GetResources"))
                .resources(List.of("*"))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ListLogGroups")
                .actions(List.of("logs:DescribeLogGroups"))
                .resources(allLogGroupArns())
                .build());
        List<NagPackSuppression> suppressions = new ArrayList<>();
        suppressions.add(suppress("AwsSolutions-IAM5", "lambda:ListFunctions, lambda:GetAccountSettings, "
                + "cloudwatch:GetMetricData and tag:GetResources do not support resource-level permissions; all are "
                + "read-only.", "Resource::*"));
        suppressions.add(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                .reason("Read-only: the functions in scope are found at run time by their tags and name patterns, so "
                        + "reads name every function of the scope's regions (by name pattern where one is given), and "
                        + "logs:DescribeLogGroups only lists.")
                .appliesTo(List.of(RegexAppliesTo.builder()
                        .regex("/^Resource::arn:<AWS::Partition>:(lambda|logs):.*\\*.*$/").build()))
                .build());
        NagSuppressions.addResourceSuppressions(role, suppressions, true);
    }

    /**
     * The applier's changes: only the actions the rules declare, only on functions in scope (by name pattern, and
     * by the scope tags as a condition), and never on the optimizer's own functions (an explicit deny by tag and
     * by ARN, which no allow can override).
     */
    private void grantApplierChanges(Role role) {
        ApplierPermissions permissions = ApplierPermissions.standard();
        Map<String, Object> tagCondition = new LinkedHashMap<>();
        for (String tag : settings.scopeTags()) {
            String[] kv = tag.split("=", 2);
            tagCondition.put("aws:ResourceTag/" + kv[0], kv[1]);
        }
        PolicyStatement.Builder reads = PolicyStatement.Builder.create().sid("ReadFunctionsInScope")
                .actions(permissions.functionReads()).resources(functionArnsInScope());
        PolicyStatement.Builder writes = PolicyStatement.Builder.create().sid("ChangeFunctionsInScope")
                .actions(permissions.functionWrites()).resources(functionArnsInScope());
        if (!tagCondition.isEmpty()) {
            reads.conditions(Map.of("StringEquals", tagCondition));
            writes.conditions(Map.of("StringEquals", tagCondition));
        }
        role.addToPrincipalPolicy(reads.build());
        if (!permissions.functionWrites().isEmpty()) {
            role.addToPrincipalPolicy(writes.build());
            role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("NeverChangeOwnFunctionsByTag")
                    .effect(Effect.DENY)
                    .actions(permissions.functionWrites())
                    .resources(functionArnsInScope())
                    .conditions(Map.of("Null", Map.of("aws:ResourceTag/" + OWN_FUNCTION_TAG, "false")))
                    .build());
            role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("NeverChangeOwnFunctions")
                    .effect(Effect.DENY).actions(permissions.functionWrites())
                    .resources(settings.regions().stream().map(region -> "arn:" + getPartition() + ":lambda:" + region
                            + ":" + getAccount() + ":function:" + ownNamePrefix() + "*").toList())
                    .build());
        }
        if (!permissions.logGroupListings().isEmpty()) {
            role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ListLogGroups")
                    .actions(permissions.logGroupListings()).resources(allLogGroupArns()).build());
        }
        if (!permissions.logGroupWrites().isEmpty()) {
            role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ChangeLogGroupsInScope")
                    .actions(permissions.logGroupWrites()).resources(logGroupArnsInScope()).build());
            role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("NeverChangeOwnLogGroups")
                    .effect(Effect.DENY).actions(permissions.logGroupWrites())
                    .resources(settings.regions().stream().map(region -> "arn:" + getPartition() + ":logs:" + region
                            + ":" + getAccount() + ":log-group:/aws/lambda/" + ownNamePrefix() + "*").toList())
                    .build());
        }
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                .reason("The functions to change are chosen at run time from the approved plan; the resources name the "
                        + "scope (name patterns per region, every name when none is given), the scope tags are a "
                        + "condition, and explicit denies keep the optimizer's own functions and log groups out.")
                .appliesTo(List.of(RegexAppliesTo.builder()
                        .regex("/^Resource::arn:<AWS::Partition>:(lambda|logs):.*\\*.*$/").build()))
                .build()), true);
    }

    /** The optimizer's own functions are named {@code <stack name>-<state>}, so one prefix names them all. */
    private String ownNamePrefix() {
        return getStackName() + "-";
    }

    private String functionName(StageFunction stage) {
        return ownNamePrefix() + stage.state();
    }

    private List<String> functionArnsInScope() {
        List<String> patterns = settings.namePatterns().isEmpty() ? List.of("*") : settings.namePatterns();
        List<String> arns = new ArrayList<>();
        for (String region : settings.regions()) {
            for (String pattern : patterns) {
                arns.add("arn:" + getPartition() + ":lambda:" + region + ":" + getAccount() + ":function:" + pattern);
            }
        }
        return arns;
    }

    private List<String> logGroupArnsInScope() {
        List<String> patterns = settings.namePatterns().isEmpty() ? List.of("*") : settings.namePatterns();
        List<String> arns = new ArrayList<>();
        for (String region : settings.regions()) {
            for (String pattern : patterns) {
                arns.add("arn:" + getPartition() + ":logs:" + region + ":" + getAccount() + ":log-group:/aws/lambda/"
                        + pattern + ":*");
            }
        }
        return arns;
    }

    private List<String> allLogGroupArns() {
        return settings.regions().stream()
                .map(region -> "arn:" + getPartition() + ":logs:" + region + ":" + getAccount() + ":log-group:*")
                .toList();
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
