package io.fleetopt.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.EventBusProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.List;

/**
 * In a member account: the state changes of fleetopt's guard alarms going into ALARM (the same pattern as the
 * management stack's {@link AutoRollback} rule) are forwarded to the management account's default event bus, where
 * that rule takes them. EventBridge keeps the event as CloudWatch emitted it: its {@code account} is the member
 * account, {@code region} the alarm's, {@code resources} the alarm's ARN. The target's role may only put events on
 * that one bus; an event it could not deliver lands in a dead-letter queue of the member account.
 */
final class GuardAlarmForwarding extends Construct {

    /** What the target's role is granted (by the EventBus target), on the management account's default event bus only. */
    static final List<String> IAM_ACTIONS = List.of("events:PutEvents");

    private final Rule rule;
    private final Role role;

    GuardAlarmForwarding(Construct scope, String id, String managementBusArn) {
        super(scope, id);
        IEventBus management = EventBus.fromEventBusArn(this, "ManagementBus", managementBusArn);
        role = Role.Builder.create(this, "ForwardRole")
                .assumedBy(new ServicePrincipal("events.amazonaws.com"))
                .description("fleetopt: forwards guard alarm state changes to the management account's default event bus")
                .build();
        Queue deadLetters = Queue.Builder.create(this, "ForwardDlq")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(software.amazon.awscdk.Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(NagPackSuppression.builder().id("AwsSolutions-SQS3")
                .reason("This queue is itself the dead-letter queue of the guard alarm forwarding rule's target.").build()));
        rule = Rule.Builder.create(this, "GuardAlarmForwardRule")
                .description("fleetopt: a guard alarm in ALARM goes to the management account's default event bus (its Rollback rule)")
                .eventPattern(AutoRollback.guardAlarmInAlarm())
                .targets(List.of(new software.amazon.awscdk.services.events.targets.EventBus(management,
                        EventBusProps.builder().role(role).deadLetterQueue(deadLetters).build())))
                .build();
    }

    Rule rule() {
        return rule;
    }

    Role role() {
        return role;
    }
}
