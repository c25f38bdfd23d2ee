package io.fleetopt.notifier.aws;

import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.MemberAccountClients;
import io.fleetopt.aws.MemberRole;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.notifier.MemberAlarmPorts;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.util.List;

/**
 * A member account's guard alarms, through its member role: {@code sts:AssumeRole} on
 * {@code arn:<partition>:iam::<account>:role/<memberRoleName>} with the deployment's external id, from STS in the
 * function's region, and CloudWatch of that region signed with the assumed credentials. The alarms have no action:
 * the notification topic is in the management account, encrypted with a key that only that account's alarms may
 * use; the member stack's rule forwards the alarm's state change to the management account's default event bus
 * instead, where the Rollback rule takes it.
 */
public final class MemberAccountAlarms implements MemberAlarmPorts {

    /** What wiring a member account's alarms calls in the management account: assuming that account's member role. */
    public static final List<String> IAM_ACTIONS = MemberRole.IAM_ACTIONS;
    /** What it calls in the member account, as the member role: the alarm adapter's own calls. */
    public static final List<String> MEMBER_IAM_ACTIONS = CloudWatchAlarmPort.IAM_ACTIONS;

    private final MemberAccountClients members;

    public MemberAccountAlarms(AwsClients clients, String externalId, String partition, String memberRoleName) {
        this.members = new MemberAccountClients(clients, externalId, partition, memberRoleName);
    }

    /** The member role of an account, as the member stack names it. */
    public String roleArn(String accountId) {
        return members.roleArn(accountId);
    }

    @Override
    public Port open(String accountId, String region) {
        MemberAccountClients.Opened member = members.open(accountId, region, "fleetopt-alarms");
        CloudWatchAlarmPort alarms = new CloudWatchAlarmPort(member.clients().build(CloudWatchClient.builder()), null);
        return new Port() {
            @Override
            public void putAlarm(GuardAlarm alarm) {
                alarms.putAlarm(alarm);
            }

            @Override
            public List<GuardAlarm> alarms() {
                return alarms.alarms();
            }

            @Override
            public void close() {
                member.close();
            }
        };
    }
}
