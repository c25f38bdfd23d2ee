package io.fleetopt.applier.aws;

import io.fleetopt.applier.MemberAccountAppliers;
import io.fleetopt.aws.AwsClients;
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

    private final AwsClients clients;
    private final MemberRole role;
    private final String partition;
    private final String memberRoleName;

    public MemberRoleAdapters(AwsClients clients, String externalId, String partition, String memberRoleName) {
        this.clients = clients;
        this.role = new MemberRole(clients, externalId);
        this.partition = partition;
        this.memberRoleName = memberRoleName;
    }

    /** The member role of an account, as the member stack names it. */
    public String roleArn(String accountId) {
        return MemberRole.roleArn(partition, accountId, memberRoleName);
    }

    @Override
    public MemberAccountAppliers.Adapters open(String accountId, String region) {
        MemberRole.Session session = role.credentials(accountId, region, roleArn(accountId), "fleetopt-apply-" + accountId);
        AwsClients member = new AwsClients(clients.settings().withRegion(region).withCredentials(session), clients.counter());
        LambdaClient lambda = member.build(LambdaClient.builder());
        return new MemberAccountAppliers.Adapters(
                new LambdaFunctionConfigurator(lambda, member.build(CloudWatchLogsClient.builder()),
                        LambdaFunctionConfigurator.UpdateWait.standard()),
                new LambdaAliasRouter(lambda, LambdaFunctionConfigurator.UpdateWait.standard()));
    }
}
