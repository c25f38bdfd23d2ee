package io.fleetopt.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The automatic rollback: an EventBridge rule on CloudWatch's "CloudWatch Alarm State Change" events of fleetopt's
 * guard alarms (named {@value #GUARD_ALARM_PREFIX}...) going into ALARM, invoking the Rollback function's live
 * alias. EventBridge invokes it asynchronously: Lambda retries an event the function failed on twice (its error alarm
 * notifies), and the target retries a failed delivery; an event it could not deliver lands in the dead-letter queue,
 * whose depth the stack alarms on. The function itself checks the guard window, the run and the function in the
 * alarm's description, and drift.
 */
final class AutoRollback extends Construct {

    static final String GUARD_ALARM_PREFIX = "fleetopt-";
    static final int RETRY_ATTEMPTS = 4;

    private final Rule rule;
    private final Queue deadLetters;

    AutoRollback(Construct scope, String id, Alias rollback) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "RollbackEventsDlq")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(NagPackSuppression.builder().id("AwsSolutions-SQS3")
                .reason("This queue is itself the dead-letter queue of the auto-rollback rule's target; an alarm watches its depth.")
                .build()));
        rule = Rule.Builder.create(this, "GuardAlarmRule")
                .description("fleetopt: a guard alarm in ALARM rolls its function's changes back (Rollback function)")
                .eventPattern(guardAlarmInAlarm())
                .targets(List.of(LambdaFunction.Builder.create(rollback)
                        .deadLetterQueue(deadLetters)
                        .retryAttempts(RETRY_ATTEMPTS)
                        .maxEventAge(Duration.hours(2))
                        .build()))
                .build();
    }

    /**
     * CloudWatch's "CloudWatch Alarm State Change" of an alarm named {@value #GUARD_ALARM_PREFIX}... going into ALARM,
     * from any account: the member accounts' are forwarded here ({@link GuardAlarmForwarding}, the same pattern).
     */
    static EventPattern guardAlarmInAlarm() {
        return EventPattern.builder()
                .source(List.of("aws.cloudwatch"))
                .detailType(List.of("CloudWatch Alarm State Change"))
                .detail(Map.of(
                        "alarmName", List.of(Map.of("prefix", GUARD_ALARM_PREFIX)),
                        "state", Map.of("value", List.of("ALARM"))))
                .build();
    }

    Rule rule() {
        return rule;
    }

    Queue deadLetters() {
        return deadLetters;
    }
}
