package io.fleetopt.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployed product as CloudFormation: each resource and the properties the design asks of it, and cdk-nag. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetoptStackTest {

    private static final FleetoptSettings SETTINGS = new FleetoptSettings(List.of("ops@example.com", "finops@example.com"),
            FleetoptSettings.WEEKLY_SCHEDULE, List.of("team=payments"), List.of("orders-*", "payments-*"),
            List.of("us-east-1", "eu-west-1"), List.of("low"), 48, 60, 120);

    private SynthesizedStack synth;

    @BeforeAll
    void synthesize(@TempDir Path workDir) {
        synth = SynthesizedStack.of(SETTINGS, workDir);
    }

    @Test
    void everyStageFunctionRunsOnJava25Arm64WithActiveTracingFromItsModulesJar() {
        // the stage functions and the review endpoint (ApprovalEndpointTest)
        assertEquals(FleetoptStack.allFunctions().size() + 1, synth.resources("AWS::Lambda::Function").size());
        for (StageFunction stage : FleetoptStack.allFunctions()) {
            synth.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", "fleetopt-" + stage.state(),
                    "Handler", stage.handlerClass() + "::handleRequest",
                    "Runtime", "java25",
                    "Architectures", List.of("arm64"),
                    "TracingConfig", Map.of("Mode", "Active"),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        }
    }

    @Test
    void eachNotifierFunctionIsDeployedFromTheJarOfItsGroup() {
        Map<String, Object> keyByFunction = new java.util.HashMap<>();
        synth.resources("AWS::Lambda::Function").values().forEach(f -> {
            Map<String, Object> properties = SynthesizedStack.properties(f);
            @SuppressWarnings("unchecked")
            Map<String, Object> code = (Map<String, Object>) properties.get("Code");
            keyByFunction.put(String.valueOf(properties.get("FunctionName")), code.get("S3Key"));
        });
        List<String> approval = List.of("RequestApproval", "NotifyRejected", "NotifyExpired", "ReviewEndpoint");
        List<String> reporting = List.of("VerifyEarlierChanges", "NotifyIndexedPlan", "NotifyNoChanges", "WireAlarms",
                "NotifySummary", "NotifyFailure");
        Object approvalJar = keyByFunction.get("fleetopt-RequestApproval");
        Object reportingJar = keyByFunction.get("fleetopt-VerifyEarlierChanges");
        for (String state : approval) {
            assertEquals(approvalJar, keyByFunction.get("fleetopt-" + state), state + " is deployed from the approval jar");
        }
        for (String state : reporting) {
            assertEquals(reportingJar, keyByFunction.get("fleetopt-" + state), state + " is deployed from the reporting jar");
        }
        assertFalse(approvalJar.equals(reportingJar), "the notifier's two jars are two assets");
        assertFalse(approvalJar.equals(keyByFunction.get("fleetopt-ApplyItem")), "the applier has its own jar");
        List<String> notifierStates = FleetoptStack.allFunctions().stream().filter(f -> f.module().equals("notifier"))
                .map(StageFunction::state).sorted().toList();
        assertEquals(java.util.stream.Stream.concat(approval.stream(), reporting.stream())
                .filter(s -> !s.equals("ReviewEndpoint")).sorted().toList(), notifierStates, "every notifier function is in one group");
    }

    @Test
    void everyStageFunctionIsReachedThroughTheLiveAliasOfAPublishedVersion() {
        // and the review endpoint's
        assertEquals(FleetoptStack.allFunctions().size() + 1, synth.resources("AWS::Lambda::Version").size());
        assertEquals(FleetoptStack.allFunctions().size() + 1, synth.resources("AWS::Lambda::Alias").size());
        synth.template.allResourcesProperties("AWS::Lambda::Alias", Map.of(
                "Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", Match.arrayWith(List.of("Version")))));
    }

    @Test
    void everyStageFunctionIsTaggedAsTheOptimizersOwn() {
        for (StageFunction stage : FleetoptStack.allFunctions()) {
            synth.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", "fleetopt-" + stage.state(),
                    "Tags", Match.arrayWith(List.of(Map.of("Key", "fleetopt:component", "Value", stage.component())))));
        }
    }

    @Test
    void everyLogGroupKeepsItsLogsForTheConfiguredRetention() {
        // one per function (the review endpoint's too), one for the state machine
        assertEquals(FleetoptStack.allFunctions().size() + 2, synth.resources("AWS::Logs::LogGroup").size());
        synth.template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 60));
        synth.template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/aws/lambda/fleetopt-Collect"));
    }

    @Test
    void stateMachineFillsEverySubstitutionOfItsDefinition() throws IOException {
        String definition = Files.readString(SynthesizedStack.repoRoot().resolve("statemachine.asl.json"));
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(definition);
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        Map<String, Map<String, Object>> machines = synth.resources("AWS::StepFunctions::StateMachine");
        assertEquals(1, machines.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> substitutions = (Map<String, Object>) SynthesizedStack.properties(machines.values().iterator().next())
                .get("DefinitionSubstitutions");
        assertEquals(placeholders, new TreeSet<>(substitutions.keySet()));
        assertEquals(String.valueOf(48 * 3600), substitutions.get("ApprovalTimeoutSeconds"));
        assertEquals(Map.of("Ref", aliasId("Collect")), substitutions.get("CollectFunctionArn"));
    }

    @Test
    void stateMachineLogsEveryEventAndIsTraced() {
        synth.template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                "StateMachineType", "STANDARD",
                "TracingConfiguration", Map.of("Enabled", true),
                "LoggingConfiguration", Map.of("Level", "ALL", "IncludeExecutionData", true)));
    }

    @Test
    void weeklyRuleStartsTheStateMachineOnMondayAtSixUtc() {
        synth.template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "cron(0 6 ? * MON *)",
                "State", "ENABLED",
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("WeeklyRun.*"))))))));
    }

    @Test
    void topicsAreKmsEncryptedSslOnlyAndEmailEveryApprover() {
        assertEquals(2, synth.resources("AWS::SNS::Topic").size());
        synth.template.allResourcesProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
        synth.template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true,
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AlarmsOfThisAccountPublish",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "123456789012")))))))));
        assertEquals(2, synth.resources("AWS::SNS::TopicPolicy").size());
        synth.template.allResourcesProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        assertEquals(4, synth.resources("AWS::SNS::Subscription").size());
        for (String email : SETTINGS.approverEmails()) {
            synth.template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", email,
                    "TopicArn", Map.of("Ref", Match.stringLikeRegexp("ApprovalTopic.*"))));
        }
    }

    @Test
    void artifactBucketIsEncryptedPrivateSslOnlyAndExpiresOldRuns() {
        synth.template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "artifacts/")),
                "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "ExpirationInDays", 120, "Status", "Enabled"))))));
        synth.template.allResourcesProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void ledgerIsKeyedByRunAndItemSlotWithIndexesByFunctionAndByDay() {
        synth.template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "runId", "KeyType", "HASH"),
                        Map.of("AttributeName", "entryKey", "KeyType", "RANGE")),
                "GlobalSecondaryIndexes", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("IndexName", "byFunction", "KeySchema", List.of(
                                Map.of("AttributeName", "functionArn", "KeyType", "HASH"),
                                Map.of("AttributeName", "atSortable", "KeyType", "RANGE")))),
                        Match.objectLike(Map.of("IndexName", "byDay", "KeySchema", List.of(
                                Map.of("AttributeName", "day", "KeyType", "HASH"),
                                Map.of("AttributeName", "atSortable", "KeyType", "RANGE"))))))));
    }

    @Test
    void theApplierStagesMayNotOverwriteThePlanTheSnapshotOrTheDecision() {
        assertEquals(List.of("/runs/*/report.*"), objectKeys("NotifySummaryRole"));
        assertEquals(List.of("/runs/*/outcomes/*"), objectKeys("ApplyItemRole"));
        assertEquals(List.of("/runs/*/auto-decision.json", "/runs/*/auto-decision.items.jsonl"), objectKeys("AutoApplyRole"));
        assertEquals(List.of("/runs/*/result.json"), objectKeys("RecordApplyResultRole"));
    }

    /** The object keys a role may put, after the bucket's ARN (each resource is a join of the ARN and the key). */
    private List<String> objectKeys(String role) {
        String resources = String.valueOf(statement(synth.statementsOfRole(role), "WriteRunDocuments").get("Resource"));
        java.util.regex.Matcher keys = java.util.regex.Pattern.compile("/runs/[^\\]}, ]*").matcher(resources);
        List<String> found = new ArrayList<>();
        while (keys.find()) {
            found.add(keys.group());
        }
        return found;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWeeklyRunMayStartItsOwnChildExecutionsReadApprovedItemsAndWriteResultsOnly() {
        Map<String, Map<String, Object>> policies = synth.resources("AWS::IAM::Policy");
        Map<String, Object> distributedMap = policies.entrySet().stream().filter(e -> e.getKey().startsWith("WeeklyRunDistributedMap"))
                .findFirst().orElseThrow(() -> new AssertionError("no Distributed Map policy: " + policies.keySet())).getValue();
        Map<String, Object> properties = (Map<String, Object>) distributedMap.get("Properties");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) properties.get("PolicyDocument"))
                .get("Statement");
        assertEquals(List.of("StartChildExecutions", "FollowOwnExecutions", "ReadApprovedItems", "WriteApplyResults"),
                statements.stream().map(st -> st.get("Sid")).toList());
        assertEquals(List.of("states:StartExecution"), SynthesizedStack.actions(statement(statements, "StartChildExecutions")));
        String machine = synth.resources("AWS::StepFunctions::StateMachine").keySet().iterator().next();
        assertEquals(Map.of("Ref", machine), statement(statements, "StartChildExecutions").get("Resource"),
                "only this state machine, not any");
        assertTrue(String.valueOf(statement(statements, "FollowOwnExecutions").get("Resource")).contains(":execution:"));
        assertTrue(String.valueOf(statement(statements, "FollowOwnExecutions").get("Resource")).contains(machine));
        assertEquals(List.of("s3:GetObject", "s3:GetObjectVersion"), SynthesizedStack.actions(statement(statements, "ReadApprovedItems")));
        assertTrue(String.valueOf(statement(statements, "ReadApprovedItems").get("Resource")).contains("/runs/*/decisions/*.items.jsonl"));
        assertTrue(String.valueOf(statement(statements, "ReadApprovedItems").get("Resource")).contains("/runs/*/auto-decision.items.jsonl"),
                "ApplyAutoApproved's ItemReader reads AutoApply's decision's items");
        assertTrue(String.valueOf(statement(statements, "WriteApplyResults").get("Resource")).contains("/runs/*/apply-results/*"));
        assertFalse(statements.stream().flatMap(st -> SynthesizedStack.actions(st).stream()).anyMatch(a -> a.startsWith("s3:Delete")));
        assertEquals(List.of(Map.of("Ref", roleOfStateMachine())), properties.get("Roles"));
    }

    @SuppressWarnings("unchecked")
    private String roleOfStateMachine() {
        Map<String, Object> machine = synth.resources("AWS::StepFunctions::StateMachine").values().iterator().next();
        Map<String, Object> roleArn = (Map<String, Object>) ((Map<String, Object>) machine.get("Properties")).get("RoleArn");
        return String.valueOf(((List<Object>) roleArn.get("Fn::GetAtt")).get(0));
    }

    @Test
    void recordApplyResultMayOnlyTakeAndReleaseTheLeaseNotQueryTheLedger() {
        Map<String, Object> lease = statement(synth.statementsOfRole("RecordApplyResultRole"), "Ledger");
        assertEquals(List.of("dynamodb:PutItem", "dynamodb:GetItem"), SynthesizedStack.actions(lease));
    }

    @Test
    void ledgerKeepsPointInTimeRecoveryAndIsEncrypted() {
        synth.template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "SSESpecification", Map.of("SSEEnabled", true),
                        "BillingMode", "PAY_PER_REQUEST",
                        "DeletionProtectionEnabled", true))));
    }

    @Test
    void aGuardAlarmGoingIntoAlarmReachesTheRollbackFunctionsLiveAliasWithRetriesAndADeadLetterQueue() {
        Map<String, Map<String, Object>> rules = synth.resources("AWS::Events::Rule");
        Map<String, Object> rule = rules.entrySet().stream().filter(r -> r.getKey().startsWith("AutoRollbackGuardAlarmRule"))
                .findFirst().orElseThrow().getValue();
        Map<String, Object> properties = SynthesizedStack.properties(rule);
        assertEquals(Map.of("source", List.of("aws.cloudwatch"), "detail-type", List.of("CloudWatch Alarm State Change"),
                "detail", Map.of("alarmName", List.of(Map.of("prefix", "fleetopt-")), "state", Map.of("value", List.of("ALARM")))),
                properties.get("EventPattern"));
        assertEquals("ENABLED", properties.get("State"));
        synth.template.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectLike(Map.of(
                "Arn", Map.of("Ref", aliasId("Rollback")),
                "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of(queueId("AutoRollbackRollbackEventsDlq"), "Arn"))),
                "RetryPolicy", Map.of("MaximumRetryAttempts", 4, "MaximumEventAgeInSeconds", 7200))))));
        synth.template.hasResourceProperties("AWS::Lambda::Permission", Map.of("Action", "lambda:InvokeFunction",
                "Principal", "events.amazonaws.com", "FunctionName", Map.of("Ref", aliasId("Rollback"))));
        synth.template.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "fleetopt-Rollback",
                "Handler", "io.fleetopt.applier.RollbackHandler::handleRequest"));
        synth.template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateNumberOfMessagesVisible",
                "Namespace", "AWS/SQS", "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of(queueId("AutoRollbackRollbackEventsDlq"), "QueueName"))))));
    }

    private String queueId(String prefix) {
        return synth.resources("AWS::SQS::Queue").keySet().stream().filter(id -> id.startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void theOptimizersOwnFailuresRaiseAlarmsOnTheNotificationTopic() {
        // one per function (the review endpoint's too), failed / timed out / aborted runs, and undelivered rollback events
        assertEquals(FleetoptStack.allFunctions().size() + 5, synth.resources("AWS::CloudWatch::Alarm").size());
        synth.template.allResourcesProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("NotificationTopic.*")))));
        synth.template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ExecutionsFailed", "Namespace", "AWS/States"));
        synth.template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "Errors", "Namespace", "AWS/Lambda"));
    }

    @Test
    void theCollectorOnlyReadsTheAccount() {
        List<String> accountActions = synth.statementsOfRole("CollectRole").stream()
                .flatMap(s -> SynthesizedStack.actions(s).stream())
                .filter(a -> !a.startsWith("s3:") && !a.startsWith("logs:CreateLogStream") && !a.startsWith("logs:PutLogEvents")
                        && !a.startsWith("xray:"))
                .toList();
        assertFalse(accountActions.isEmpty());
        for (String action : accountActions) {
            String name = action.substring(action.indexOf(':') + 1);
            // a Logs Insights query and a log filter only read logs
            assertTrue(name.startsWith("Get") || name.startsWith("List") || name.startsWith("Describe")
                            || name.equals("StartQuery") || name.equals("FilterLogEvents"),
                    "the collector may only read, but may " + action);
        }
        assertEquals(new java.util.TreeSet<>(io.fleetopt.collector.aws.AwsFleetSource.IAM_ACTIONS), new java.util.TreeSet<>(accountActions),
                "granted exactly what the collector's code declares it calls");
        assertEquals(accountActions.size(), new java.util.HashSet<>(accountActions).size(), "each action granted once");
    }

    @Test
    void theApplierChangesOnlyFunctionsInScopeAndNeverTheOptimizersOwn() {
        assertTrue(synth.statementsOfRole("AutoApplyRole").stream().noneMatch(s -> "ChangeFunctionsInScope".equals(s.get("Sid"))),
                "AutoApply records the policy's decision; ApplyItem, in ApplyAutoApproved's Map, changes the functions");
        for (String role : List.of("ApplyItemRole")) {
            List<Map<String, Object>> statements = synth.statementsOfRole(role);
            Map<String, Object> change = statement(statements, "ChangeFunctionsInScope");
            // the change kinds' writes, and the alias router's (publish a version, move an alias, its provisioned concurrency)
            assertEquals(java.util.stream.Stream.concat(ApplierPermissions.standard().stream(),
                            io.fleetopt.applier.aws.LambdaAliasRouter.IAM_ACTIONS.stream())
                    .filter(a -> ResourceScope.of(a) == ResourceScope.FUNCTION_CHANGES).toList(), SynthesizedStack.actions(change));
            assertTrue(SynthesizedStack.actions(change).contains("lambda:UpdateFunctionConfiguration"));
            assertEquals(Map.of("StringEquals", Map.of("aws:ResourceTag/team", "payments")), change.get("Condition"));
            String resources = String.valueOf(change.get("Resource"));
            assertTrue(resources.contains(":function:orders-*") && resources.contains(":function:payments-*")
                    && resources.contains("eu-west-1"), resources);
            assertFalse(resources.contains(":function:*"), "no function outside the name patterns: " + resources);

            Map<String, Object> denyByTag = statement(statements, "NeverChangeOwnFunctionsByTag");
            assertEquals("Deny", denyByTag.get("Effect"));
            assertEquals(Map.of("Null", Map.of("aws:ResourceTag/fleetopt:component", "false")), denyByTag.get("Condition"));
            Map<String, Object> denyByName = statement(statements, "NeverChangeOwnFunctions");
            assertEquals("Deny", denyByName.get("Effect"));
            assertTrue(String.valueOf(denyByName.get("Resource")).contains(":function:fleetopt-*"));
            assertEquals("Deny", statement(statements, "NeverChangeOwnLogGroups").get("Effect"));
        }
    }

    @Test
    void stagesReadAndWriteOnlyRunDocumentsAndOnlyAppendToTheLedger() {
        List<Map<String, Object>> applier = synth.statementsOfRole("ApplyItemRole");
        // conditional puts into the ledger's slots, queries by key and index, and the run's lease item (get and put)
        assertEquals(List.of("dynamodb:PutItem", "dynamodb:Query", "dynamodb:GetItem"), SynthesizedStack.actions(statement(applier, "Ledger")));
        assertEquals(List.of("s3:GetObject"), SynthesizedStack.actions(statement(applier, "ReadRunDocuments")));
        assertTrue(String.valueOf(statement(applier, "ReadRunDocuments").get("Resource")).contains("/runs/*"));
        assertEquals(List.of("s3:PutObject"), SynthesizedStack.actions(statement(applier, "WriteRunDocuments")));
        assertEquals(Map.of("StringLike", Map.of("s3:prefix", List.of("runs/*"))),
                statement(applier, "ListRunDocuments").get("Condition"));
        List<String> notifierActions = synth.statementsOfRole("NotifySummaryRole").stream()
                .flatMap(s -> SynthesizedStack.actions(s).stream()).toList();
        assertTrue(notifierActions.contains("s3:GetObject") && notifierActions.contains("sns:Publish"), notifierActions.toString());
        assertEquals(List.of("runs/*/report.*"), synth.statementsOfRole("NotifySummaryRole").stream()
                .filter(s -> SynthesizedStack.actions(s).contains("s3:PutObject"))
                .map(s -> String.valueOf(s.get("Resource")).replaceAll(".*/(runs/[^\\]\"']*).*", "$1")).toList(),
                "the summary writes only its weekly report");
        for (StageFunction stage : FleetoptStack.allFunctions()) {
            List<String> actions = synth.statementsOfRole(stage.state() + "Role").stream()
                    .flatMap(s -> SynthesizedStack.actions(s).stream()).toList();
            assertFalse(actions.stream().anyMatch(a -> a.equals("dynamodb:DeleteItem") || a.equals("dynamodb:UpdateItem")
                    || a.startsWith("s3:Delete") || a.endsWith(":*")), stage.state() + " may " + actions);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFunctionGetsTheConfigurationKeysTheStagesReadAndApprovalsGoToTheApproversTopic() {
        String approvalTopic = synth.resources("AWS::SNS::Topic").entrySet().stream()
                .filter(t -> t.getKey().startsWith("ApprovalTopic")).findFirst().orElseThrow().getKey();
        String notificationTopic = synth.resources("AWS::SNS::Topic").entrySet().stream()
                .filter(t -> t.getKey().startsWith("NotificationTopic")).findFirst().orElseThrow().getKey();
        for (Map<String, Object> function : synth.resources("AWS::Lambda::Function").values()) {
            Map<String, Object> properties = SynthesizedStack.properties(function);
            if (String.valueOf(properties.get("FunctionName")).endsWith("ReviewEndpoint")) {
                continue; // not a stage: ApprovalEndpointTest checks its configuration
            }
            Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables");
            // the names Micronaut binds to fleetopt.account, fleetopt.artifact-bucket, fleetopt.ledger-table, fleetopt.notifier.topic-arn
            assertEquals("aws", variables.get("FLEETOPT_ACCOUNT"));
            assertTrue(variables.keySet().containsAll(List.of("FLEETOPT_ARTIFACT_BUCKET", "FLEETOPT_LEDGER_TABLE",
                    "FLEETOPT_NOTIFIER_TOPIC_ARN", "FLEETOPT_COLLECTOR_REGIONS")), variables.toString());
            // the summary's undo command names the stack and its region: fleetopt rollback --stack NAME --region REGION
            assertEquals(synth.stack.getStackName(), variables.get("FLEETOPT_STACK_NAME"));
            assertEquals("us-east-1", variables.get("FLEETOPT_STACK_REGION"));
            boolean approval = String.valueOf(properties.get("FunctionName")).endsWith("RequestApproval");
            assertEquals(Map.of("Ref", approval ? approvalTopic : notificationTopic), variables.get("FLEETOPT_NOTIFIER_TOPIC_ARN"),
                    String.valueOf(properties.get("FunctionName")));
        }
    }

    @Test
    void theStackOutputsTheBucketAndLedgerThatTheCommandLinesStackOptionReads() {
        // fleetopt run/apply/rollback --stack NAME read these two outputs with DescribeStacks
        Map<String, Map<String, Object>> outputs = synth.template.findOutputs("*");
        for (String name : List.of("ArtifactBucketName", "LedgerTableName")) {
            assertTrue(outputs.containsKey(name), outputs.keySet().toString());
        }
        String bucket = synth.resources("AWS::S3::Bucket").keySet().stream().filter(k -> k.matches("Artifacts[A-F0-9]{8}")).findFirst().orElseThrow();
        String table = synth.resources("AWS::DynamoDB::Table").keySet().stream().filter(k -> k.matches("Ledger[A-F0-9]{8}")).findFirst().orElseThrow();
        assertEquals(Map.of("Ref", bucket), outputs.get("ArtifactBucketName").get("Value"));
        assertEquals(Map.of("Ref", table), outputs.get("LedgerTableName").get("Value"));
    }

    @Test
    void theNotifierStagesMayDoWhatTheirAdaptersCallAndNothingMore() {
        List<String> verify = synth.statementsOfRole("VerifyEarlierChangesRole").stream()
                .flatMap(st -> SynthesizedStack.actions(st).stream()).toList();
        assertTrue(verify.containsAll(List.of("dynamodb:Query", "ce:GetCostAndUsage", "s3:PutObject")), verify.toString());
        assertFalse(verify.contains("dynamodb:Scan"), "the ledger is read by key, never scanned");
        assertFalse(verify.contains("sns:Publish"), "verifying savings sends nothing");
        List<String> alarms = synth.statementsOfRole("WireAlarmsRole").stream()
                .flatMap(st -> SynthesizedStack.actions(st).stream()).toList();
        assertTrue(alarms.containsAll(List.of("cloudwatch:PutMetricAlarm", "cloudwatch:TagResource", "dynamodb:Query")), alarms.toString());
        assertFalse(alarms.contains("dynamodb:PutItem"), "wiring alarms never writes the ledger");
    }

    @Test
    void awsSolutionsChecksFindNoUnsuppressedErrorOrWarning() {
        List<String> findings = new ArrayList<>();
        for (SynthesisMessage message : Annotations.fromStack(synth.stack).findError("*",
                Match.stringLikeRegexp("AwsSolutions-.*"))) {
            findings.add("error " + message.getId() + ": " + message.getEntry().getData());
        }
        for (SynthesisMessage message : Annotations.fromStack(synth.stack).findWarning("*",
                Match.stringLikeRegexp("AwsSolutions-.*"))) {
            findings.add("warning " + message.getId() + ": " + message.getEntry().getData());
        }
        assertEquals(List.of(), findings, String.join("\n", findings));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyNagSuppressionGivesItsReason() {
        int suppressions = 0;
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) synth.template.toJSON().get("Resources");
        for (Map<String, Object> resource : resources.values()) {
            Map<String, Object> metadata = (Map<String, Object>) resource.get("Metadata");
            Map<String, Object> nag = metadata == null ? null : (Map<String, Object>) metadata.get("cdk_nag");
            if (nag == null) {
                continue;
            }
            for (Map<String, Object> rule : (List<Map<String, Object>>) nag.get("rules_to_suppress")) {
                suppressions++;
                String reason = String.valueOf(rule.get("reason"));
                assertTrue(reason.length() >= 40 && !reason.isBlank(), rule.get("id") + " is suppressed without a reason: " + reason);
            }
        }
        assertTrue(suppressions > 0, "no cdk_nag suppression metadata found");
    }

    private String aliasId(String state) {
        return synth.resources("AWS::Lambda::Alias").keySet().stream().filter(id -> id.startsWith(state + "Alias"))
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> statement(List<Map<String, Object>> statements, String sid) {
        return statements.stream().filter(s -> sid.equals(s.get("Sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + statements));
    }
}
