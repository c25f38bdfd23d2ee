package io.fleetopt.infra;

import software.amazon.awscdk.DefaultStackSynthesizer;
import software.amazon.awscdk.DefaultStackSynthesizerProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The guard alarm forwarding of {@link MemberStack} alone, for the scope's other regions of a member account: an
 * EventBridge rule sees the alarms of its own region only, and the member role (IAM, global) is deployed once. No
 * assets, no bootstrap check, no named resource: it deploys as a StackSet to every region but the member stack's.
 */
public final class MemberAlarmForwardingStack extends Stack {

    private final GuardAlarmForwarding forwarding;

    public MemberAlarmForwardingStack(Construct scope, String id, StackProps props, MemberStackSettings settings) {
        super(scope, id, StackProps.builder()
                .description(props.getDescription())
                .env(props.getEnv())
                .stackName(props.getStackName())
                .synthesizer(new DefaultStackSynthesizer(DefaultStackSynthesizerProps.builder()
                        .generateBootstrapVersionRule(false).build()))
                .build());
        forwarding = new GuardAlarmForwarding(this, "GuardAlarmForwarding", MemberStack.managementBusArn(this, settings));
    }

    GuardAlarmForwarding forwarding() {
        return forwarding;
    }
}
