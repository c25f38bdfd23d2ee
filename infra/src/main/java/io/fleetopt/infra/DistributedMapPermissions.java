package io.fleetopt.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

import java.util.List;

/**
 * What the weekly run's own role needs for its ApplyAutoApproved and ApplyApproved Distributed Maps, and nothing
 * more: start their child executions (states:StartExecution on itself; DescribeExecution and StopExecution on its own
 * executions, to follow and stop them), read the approved items a decision wrote (the ItemReader reads the object
 * version the decision pinned: s3:GetObject and s3:GetObjectVersion, only on
 * {@code runs/<run>/decisions/<decision>.items.jsonl} and AutoApply's {@code runs/<run>/auto-decision.items.jsonl}), and
 * write the results (the ResultWriter's PutObject and its multipart calls, only below {@code runs/<run>/apply-results/}).
 * A policy of its own beside the role's default one: it names the state machine, which depends on the default policy.
 */
final class DistributedMapPermissions {

    static final List<String> CHILD_EXECUTION_ACTIONS = List.of("states:StartExecution");
    static final List<String> EXECUTION_ACTIONS = List.of("states:DescribeExecution", "states:StopExecution");
    static final List<String> ITEM_READER_ACTIONS = List.of("s3:GetObject", "s3:GetObjectVersion");
    static final List<String> RESULT_WRITER_ACTIONS = List.of("s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts",
            "s3:AbortMultipartUpload");
    /** The keys of the approved items files the decisions write (ArtifactKeys.approvedItems of runs/<run>/decisions/...). */
    static final String APPROVED_ITEMS = "runs/*/decisions/*.items.jsonl";
    /** The approved items file of AutoApply's decision (ArtifactKeys.approvedItems of ArtifactKeys.autoDecision). */
    static final String AUTO_APPROVED_ITEMS = "runs/*/auto-decision.items.jsonl";
    /** Where the ResultWriter writes (ArtifactKeys.applyResults). */
    static final String APPLY_RESULTS = "runs/*/apply-results/*";

    private DistributedMapPermissions() {
    }

    static Policy grant(Construct scope, StateMachine stateMachine, Bucket artifacts) {
        Stack stack = Stack.of(scope);
        String executions = Arn.format(ArnComponents.builder().service("states").resource("execution")
                .resourceName(stateMachine.getStateMachineName() + ":*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build(), stack);
        Policy policy = Policy.Builder.create(scope, "WeeklyRunDistributedMap")
                .statements(List.of(
                        PolicyStatement.Builder.create().sid("StartChildExecutions").actions(CHILD_EXECUTION_ACTIONS)
                                .resources(List.of(stateMachine.getStateMachineArn())).build(),
                        PolicyStatement.Builder.create().sid("FollowOwnExecutions").actions(EXECUTION_ACTIONS)
                                .resources(List.of(executions)).build(),
                        PolicyStatement.Builder.create().sid("ReadApprovedItems").actions(ITEM_READER_ACTIONS)
                                .resources(List.of(artifacts.arnForObjects(APPROVED_ITEMS), artifacts.arnForObjects(AUTO_APPROVED_ITEMS))).build(),
                        PolicyStatement.Builder.create().sid("WriteApplyResults").actions(RESULT_WRITER_ACTIONS)
                                .resources(List.of(artifacts.arnForObjects(APPLY_RESULTS))).build()))
                .build();
        stateMachine.getRole().attachInlinePolicy(policy);
        NagSuppressions.addResourceSuppressions(policy, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                .reason("The Distributed Map's children are executions of this state machine (named at run time: "
                        + "execution:<machine>:*); its items and results are keyed by run id (runs/<runId>/decisions/"
                        + "<decision>.items.jsonl, runs/<runId>/auto-decision.items.jsonl, runs/<runId>/apply-results/...), "
                        + "known only at run time.")
                .appliesTo(List.of(RegexAppliesTo.builder().regex("/^Resource::(arn:<AWS::Partition>:states:.*:\\*"
                        + "|<Artifacts[A-Z0-9]+\\.Arn>\\/runs\\/\\*\\/(decisions\\/\\*\\.items\\.jsonl|auto-decision\\.items\\.jsonl"
                        + "|apply-results\\/\\*))$/")
                        .build())).build()), true);
        return policy;
    }
}
