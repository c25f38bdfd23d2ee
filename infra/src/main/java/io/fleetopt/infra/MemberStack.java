package io.fleetopt.infra;

import io.fleetopt.collector.aws.AwsFleetSource;
import io.fleetopt.notifier.aws.MemberAccountReads;
import io.fleetopt.notifier.aws.MemberAccountAlarms;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.DefaultStackSynthesizer;
import software.amazon.awscdk.DefaultStackSynthesizerProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The small stack in each member account: one IAM role, {@code fleetopt-member} by default, that the management
 * account's fleetopt stage roles assume with the deployment's external id. Its policy is what the collector reads
 * ({@link AwsFleetSource#IAM_ACTIONS}), the savings check reads ({@link MemberAccountReads#MEMBER_IAM_ACTIONS}), plus exactly
 * the applier's actions ({@link ApplierPermissions#standard()}) on
 * the functions and log groups in scope, scoped by {@link StagePermissions} as the management stack's own grants are
 * (name patterns per region, scope tags as a condition, explicit denies for fleetopt's own functions), and the
 * guard alarms WireAlarms puts there. Beside it, {@link GuardAlarmForwarding} sends the guard alarms' ALARM state
 * changes of the stack's region to the management account's default event bus. No assets and no bootstrap check,
 * so it deploys as a CloudFormation StackSet to accounts that were never bootstrapped.
 */
public final class MemberStack extends Stack {

    /**
     * What the member role may do: the collector's reads, the applier's reads and changes, the savings check's reads,
     * and WireAlarms' guard alarms (on the alarms named fleetopt-... of the scope's regions).
     */
    public static final List<String> IAM_ACTIONS = StageFunction.calls(AwsFleetSource.IAM_ACTIONS, ApplierPermissions.standard(),
            MemberAccountReads.MEMBER_IAM_ACTIONS, MemberAccountAlarms.MEMBER_IAM_ACTIONS);

    private final Role role;
    private final GuardAlarmForwarding forwarding;

    public MemberStack(Construct scope, String id, StackProps props, MemberStackSettings settings) {
        super(scope, id, StackProps.builder()
                .description(props.getDescription())
                .env(props.getEnv())
                .stackName(props.getStackName())
                .synthesizer(new DefaultStackSynthesizer(DefaultStackSynthesizerProps.builder()
                        .generateBootstrapVersionRule(false).build()))
                .build());
        String management = "arn:" + getPartition() + ":iam::" + settings.managementAccount() + ":role/";
        role = Role.Builder.create(this, "MemberRole")
                .roleName(settings.memberRoleName())
                .description("fleetopt: read this account's Lambda fleet and apply approved changes in scope, for the "
                        + settings.managementStackName() + " stack of account " + settings.managementAccount())
                .maxSessionDuration(Duration.hours(1))
                .assumedBy(new AccountPrincipal(settings.managementAccount()).withConditions(Map.of(
                        "StringEquals", Map.of("sts:ExternalId", settings.externalId()),
                        "ArnLike", Map.of("aws:PrincipalArn", MemberStackSettings.TRUSTED_STATES.stream()
                                .map(state -> management + settings.managementStackName() + "-" + state + "Role*").toList()))))
                .build();
        StageFunction member = new StageFunction("MemberRole", "member", "-", 128, 1, IAM_ACTIONS);
        new StagePermissions(this, settings.scopeTags(), settings.namePatterns(), settings.regions(), null, null,
                "fleetopt-", MemberAccountSettings.none()).grant(member, role, null);
        forwarding = new GuardAlarmForwarding(this, "GuardAlarmForwarding", managementBusArn(this, settings));
        CfnOutput.Builder.create(this, "MemberRoleArn").value(role.getRoleArn()).build();
    }

    /** The management account's default event bus, in {@code managementRegion} (default: the stack's own region). */
    static String managementBusArn(Stack stack, MemberStackSettings settings) {
        String region = settings.managementRegion() == null ? stack.getRegion() : settings.managementRegion();
        return "arn:" + stack.getPartition() + ":events:" + region + ":" + settings.managementAccount() + ":event-bus/default";
    }

    GuardAlarmForwarding forwarding() {
        return forwarding;
    }

    public Role role() {
        return role;
    }
}
