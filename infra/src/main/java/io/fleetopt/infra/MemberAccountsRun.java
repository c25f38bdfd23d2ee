package io.fleetopt.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

import java.util.List;

/**
 * What the weekly state machine needs for a run over member accounts: the CollectAndAnalyzeEachTarget Distributed
 * Map starts child executions of the state machine itself, reads its (account, region) items from the artifact
 * bucket and writes its results there. In a policy of its own, because it names the state machine, which depends
 * on its role's default policy.
 */
final class MemberAccountsRun extends Construct {

    /** What the Distributed Map's ItemReader, ResultWriter and child executions call. */
    static final List<String> IAM_ACTIONS = List.of("states:StartExecution", "states:DescribeExecution",
            "states:StopExecution", "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");

    MemberAccountsRun(Construct scope, String id, StateMachine stateMachine, Bucket artifacts) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String executions = "arn:" + stack.getPartition() + ":states:" + stack.getRegion() + ":" + stack.getAccount()
                + ":execution:" + stateMachine.getStateMachineName() + "/*";
        Policy policy = Policy.Builder.create(this, "DistributedMap").statements(List.of(
                PolicyStatement.Builder.create().sid("StartChildExecutions")
                        .actions(List.of("states:StartExecution")).resources(List.of(stateMachine.getStateMachineArn())).build(),
                PolicyStatement.Builder.create().sid("FollowChildExecutions")
                        .actions(List.of("states:DescribeExecution", "states:StopExecution")).resources(List.of(executions)).build(),
                PolicyStatement.Builder.create().sid("ReadTargets")
                        .actions(List.of("s3:GetObject")).resources(List.of(artifacts.arnForObjects("runs/*/targets.jsonl"))).build(),
                PolicyStatement.Builder.create().sid("WriteTargetResults")
                        .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"))
                        .resources(List.of(artifacts.arnForObjects("runs/*/target-results/*"))).build()))
                .build();
        policy.attachToRole(stateMachine.getRole());
        NagSuppressions.addResourceSuppressions(policy, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                .reason("The child executions of the Distributed Map are named at run time (execution:<state machine>/*), "
                        + "and the run's items and results are keyed by run id (runs/<runId>/targets.jsonl, "
                        + "runs/<runId>/target-results/...).")
                .appliesTo(List.of(
                        RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:states:.*:execution:.*\\/\\*$/").build(),
                        RegexAppliesTo.builder().regex("/^Resource::<Artifacts[A-Z0-9]+\\.Arn>\\/runs\\/\\*\\/.*$/").build()))
                .build()));
    }
}
