package io.fleetopt.notifier.aws;

import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.LambdaSettingsReader;
import io.fleetopt.aws.MemberAccountClients;
import io.fleetopt.aws.MemberRole;
import io.fleetopt.aws.MemberRoleDeniedException;
import io.fleetopt.notifier.MemberAccountReaders;
import io.fleetopt.notifier.MemberAccountUnreadableException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The savings check's reads in a member account, through its member role: {@code sts:AssumeRole} on
 * {@code arn:<partition>:iam::<account>:role/<memberRoleName>} with the deployment's external id, from STS in the
 * function's region (as the applier reaches the account), then that region's CloudWatch ({@link CloudWatchFunctionUsage})
 * and Lambda and CloudWatch Logs ({@link LambdaSettingsReader}) signed with the assumed credentials. Each (account,
 * region) is opened once and kept for the life of this process; one whose role cannot be assumed is not kept, and
 * fails with {@link MemberAccountUnreadableException} naming the role and the account.
 */
public final class MemberAccountReads implements MemberAccountReaders, AutoCloseable {

    /** What this adapter calls in the management account: assuming the member role. */
    public static final List<String> IAM_ACTIONS = MemberRole.IAM_ACTIONS;
    /** What it calls in the member account, through the member role: the same reads as in the deployment's own account. */
    public static final List<String> MEMBER_IAM_ACTIONS = java.util.stream.Stream.concat(CloudWatchFunctionUsage.IAM_ACTIONS.stream(),
            LambdaSettingsReader.IAM_ACTIONS.stream()).toList();

    private final MemberAccountClients members;
    private final Map<String, Readers> opened = new ConcurrentHashMap<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    public MemberAccountReads(AwsClients clients, String externalId, String partition, String memberRoleName) {
        this.members = new MemberAccountClients(clients, externalId, partition, memberRoleName);
    }

    /** The member role of an account, as the member stack names it. */
    public String roleArn(String accountId) {
        return members.roleArn(accountId);
    }

    @Override
    public Readers open(String accountId, String region) {
        return opened.computeIfAbsent(accountId + "/" + region, key -> {
            MemberAccountClients.Opened account;
            try {
                account = members.open(accountId, region, "fleetopt-verify");
            } catch (MemberRoleDeniedException e) {
                throw new MemberAccountUnreadableException(e.getMessage(), e);
            }
            AwsClients member = account.clients();
            CloudWatchFunctionUsage usage = new CloudWatchFunctionUsage(r -> member.build(CloudWatchClient.builder()));
            LambdaSettingsReader live = new LambdaSettingsReader(r -> member.build(LambdaClient.builder()),
                    r -> member.build(CloudWatchLogsClient.builder()));
            synchronized (toClose) {
                toClose.add(account);
            }
            return new Readers(usage, live, live);
        });
    }

    @Override
    public void close() {
        synchronized (toClose) {
            for (AutoCloseable c : toClose) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing a member account's clients failed", e);
                }
            }
            toClose.clear();
            opened.clear();
        }
    }
}
