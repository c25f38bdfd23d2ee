package io.fleetopt.applier.aws;

import io.fleetopt.applier.MemberAccountAppliers;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.MemberAccountClients;
import io.fleetopt.aws.MemberRole;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.util.List;

/**
 * A member account's function reads and writes, through its member role: {@code sts:AssumeRole} on
 * {@code arn:<partition>:iam::<account>:role/<memberRoleName>} with the deployment's external id, from STS in the
 * function's region, and the Lambda and CloudWatch Logs clients of that region signed with the assumed credentials.
 */
public final class MemberRoleAdapters implements MemberAccountAppliers.MemberAdapters {

    /** What applying through a member role calls in the management account: assuming that role. */
    public static final List<String> IAM_ACTIONS = MemberRole.IAM_ACTIONS;

    private final MemberAccountClients members;

    public MemberRoleAdapters(AwsClients clients, String externalId, String partition, String memberRoleName) {
        this.members = new MemberAccountClients(clients, externalId, partition, memberRoleName);
    }

    /** The member role of an account, as the member stack names it. */
    public String roleArn(String accountId) {
        return members.roleArn(accountId);
    }

    @Override
    public MemberAccountAppliers.Adapters open(String accountId, String region) {
        AwsClients member = members.open(accountId, region, "fleetopt-apply").clients();
        LambdaClient lambda = member.build(LambdaClient.builder());
        return new MemberAccountAppliers.Adapters(
                new LambdaFunctionConfigurator(lambda, member.build(CloudWatchLogsClient.builder()),
                        LambdaFunctionConfigurator.UpdateWait.standard()),
                new LambdaAliasRouter(lambda, LambdaFunctionConfigurator.UpdateWait.standard()));
    }
}
