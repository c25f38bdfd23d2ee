package io.fleetopt.notifier.aws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code fleetopt.notifier.topic-arn}: the SNS topic people subscribe to. Messages are published to it and guard
 * alarms notify it.
 */
@ConfigurationProperties("fleetopt.notifier")
@Requires(property = "fleetopt.account", value = "aws", defaultValue = "aws")
public record NotificationTopic(@Nullable String topicArn) {

    /** The topic ARN, or an error that says how to set it. */
    public String requiredArn() {
        if (topicArn == null || topicArn.isBlank()) {
            throw new IllegalStateException("fleetopt.notifier.topic-arn is not set: set it (or the environment variable "
                    + "FLEETOPT_NOTIFIER_TOPIC_ARN) to the ARN of the SNS topic fleetopt notifies");
        }
        return topicArn;
    }
}
