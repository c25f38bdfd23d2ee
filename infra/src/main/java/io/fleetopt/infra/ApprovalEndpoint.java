package io.fleetopt.infra;

import io.fleetopt.notifier.ReviewEndpointHandler;
import io.fleetopt.notifier.aws.DynamoDbPendingApprovals;
import io.fleetopt.notifier.aws.SecretsManagerLinkKey;
import io.fleetopt.notifier.aws.StepFunctionsTaskCallback;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The approver's side of RequestApproval: the review endpoint (a Lambda function URL, AuthType NONE: the signed,
 * expiring, single-use link is the credential), the HMAC key that signs the links (Secrets Manager), and the table
 * where runs wait with their task token (readable only by the endpoint). RequestApproval gets the URL, the key and
 * write access to the table; the endpoint may read the plans, write decisions and answer this state machine's
 * tasks, nothing else.
 *
 * <p>A function URL rather than an HTTP API: one GET page and one POST form need no routes, stages, throttling
 * plans or custom domain, the event (payload 2.0) is the same, and there is no second service to secure and pay for.
 */
public final class ApprovalEndpoint extends Construct {

    static final String HANDLER = ReviewEndpointHandler.class.getName() + "::handleRequest";
    static final int MEMORY_MB = 1024;
    static final int TIMEOUT_SECONDS = 30;

    /**
     * What RequestApproval's role gets from this construct, beside its stage row in {@link FleetoptStack#FUNCTIONS}:
     * opening the pending approval in the approvals table and reading the link key.
     */
    public static final List<String> REQUEST_APPROVAL_IAM_ACTIONS = StageFunction.calls(DynamoDbPendingApprovals.OPEN_IAM_ACTIONS,
            SecretsManagerLinkKey.IAM_ACTIONS);

    private final Function function;
    private final FunctionUrl url;
    private final Table approvals;
    private final Secret linkKey;

    /** What the endpoint needs from the stack around it. */
    public record Wiring(StageCode code, String functionName, RetentionDays logRetention, Bucket artifacts,
                         StateMachine stateMachine, Function requestApproval) {
    }

    public ApprovalEndpoint(Construct scope, String id, Wiring wiring) {
        super(scope, id);

        linkKey = Secret.Builder.create(this, "LinkKey")
                .description("fleetopt: the HMAC key that signs review links (read by RequestApproval and the review endpoint)")
                .generateSecretString(SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        NagSuppressions.addResourceSuppressions(linkKey, List.of(NagPackSuppression.builder().id("AwsSolutions-SMG4")
                .reason("Rotating the link key would invalidate every review link still pending (up to the approval timeout); "
                        + "the key never leaves Secrets Manager and the two functions that read it.").build()));

        approvals = Table.Builder.create(this, "Approvals")
                .partitionKey(Attribute.builder().name(DynamoDbPendingApprovals.PARTITION_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(DynamoDbPendingApprovals.TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + wiring.functionName())
                .retention(wiring.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("fleetopt review endpoint (notifier)")
                .build();
        logs.grantWrite(role);
        function = Function.Builder.create(this, "Function")
                .functionName(wiring.functionName())
                .description("fleetopt review endpoint: the approval email's link (notifier)")
                .runtime(FleetoptStack.RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(wiring.code().of(StageCode.NOTIFIER_APPROVAL))
                .memorySize(MEMORY_MB)
                .timeout(Duration.seconds(TIMEOUT_SECONDS))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .tracing(Tracing.ACTIVE)
                .logGroup(logs)
                .role(role)
                .environment(Map.of(
                        "FLEETOPT_ACCOUNT", "aws",
                        "FLEETOPT_ARTIFACT_BUCKET", wiring.artifacts().getBucketName(),
                        "FLEETOPT_APPROVAL_TABLE", approvals.getTableName(),
                        "FLEETOPT_APPROVAL_KEY_SECRET_ARN", linkKey.getSecretArn()))
                .build();
        Tags.of(function).add(FleetoptStack.OWN_FUNCTION_TAG, "notifier/ReviewEndpoint");
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "SnapStart applies to the version published here, which the function URL serves through the alias");
        Alias alias = Alias.Builder.create(this, "Alias").aliasName(FleetoptStack.ALIAS_NAME)
                .version(function.getCurrentVersion()).build();
        url = alias.addFunctionUrl(FunctionUrlOptions.builder().authType(FunctionUrlAuthType.NONE).build());

        grantEndpoint(role, wiring);
        grantRequestApproval((Role) wiring.requestApproval().getRole());
        wiring.requestApproval().addEnvironment("FLEETOPT_APPROVAL_REVIEW_URL", url.getUrl());
        wiring.requestApproval().addEnvironment("FLEETOPT_APPROVAL_TABLE", approvals.getTableName());
        wiring.requestApproval().addEnvironment("FLEETOPT_APPROVAL_KEY_SECRET_ARN", linkKey.getSecretArn());

        CfnOutput.Builder.create(this, "ReviewUrl").value(url.getUrl())
                .description("The review endpoint; the approval email links to pages under it").build();
    }

    private void grantEndpoint(Role role, Wiring wiring) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReadAndDecidePendingApprovals")
                .actions(DynamoDbPendingApprovals.REVIEW_IAM_ACTIONS).resources(List.of(approvals.getTableArn())).build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReadLinkKey")
                .actions(SecretsManagerLinkKey.IAM_ACTIONS).resources(List.of(linkKey.getSecretArn())).build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReadRunDocuments")
                .actions(List.of("s3:GetObject")).resources(List.of(wiring.artifacts().arnForObjects("runs/*"))).build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("WriteDecisions")
                .actions(List.of("s3:PutObject")).resources(List.of(wiring.artifacts().arnForObjects("runs/*/decisions/*"))).build());
        // A policy of its own, not the role's default one: the state machine invokes RequestApproval, whose
        // configuration names this function's URL, so the function must not wait for a policy naming the state machine.
        Policy answerTasks = Policy.Builder.create(this, "AnswerApprovalTasks")
                .statements(List.of(PolicyStatement.Builder.create().sid("AnswerApprovalTasks")
                        .actions(StepFunctionsTaskCallback.IAM_ACTIONS)
                        .resources(List.of(wiring.stateMachine().getStateMachineArn())).build()))
                .build();
        answerTasks.attachToRole(role);
        NagSuppressions.addResourceSuppressions(role, List.of(
                NagPackSuppression.builder().id("AwsSolutions-IAM5")
                        .reason("X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support "
                                + "resource-level permissions.").appliesTo(List.of("Resource::*")).build(),
                NagPackSuppression.builder().id("AwsSolutions-IAM5")
                        .reason("Plans and decisions are keyed by run id (runs/<runId>/...), known only at run time; the "
                                + "endpoint reads under runs/ and writes only runs/<runId>/decisions/.")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::<Artifacts[A-Z0-9]+\\.Arn>\\/runs\\/\\*(\\/decisions\\/\\*)?$/").build()))
                        .build()), true);
    }

    /** {@link #REQUEST_APPROVAL_IAM_ACTIONS}, each on this construct's own table or secret. */
    private void grantRequestApproval(Role role) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("OpenPendingApprovals")
                .actions(DynamoDbPendingApprovals.OPEN_IAM_ACTIONS).resources(List.of(approvals.getTableArn())).build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReadLinkKey")
                .actions(SecretsManagerLinkKey.IAM_ACTIONS).resources(List.of(linkKey.getSecretArn())).build());
    }

    public Function function() {
        return function;
    }

    public FunctionUrl url() {
        return url;
    }

    public Table approvals() {
        return approvals;
    }

    public Secret linkKey() {
        return linkKey;
    }
}
