package io.fleetopt.notifier.aws;

import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageSender;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Sends a message to people by publishing it to the notification topic (its email subscribers get it as is).
 * The subject and body are fitted to SNS's limits first; throttling is retried by the client.
 */
public final class SnsMessageSender implements MessageSender, AutoCloseable {

    /** What {@link #send} calls, on the one topic it publishes to. */
    public static final List<String> IAM_ACTIONS = List.of("sns:Publish");

    private final SnsClient sns;
    private final String topicArn;
    private final UnaryOperator<String> planLocationOfRun;

    /** {@code planLocationOfRun} tells, for a run id, where its full plan can be read (e.g. an s3:// URI). */
    public SnsMessageSender(SnsClient sns, String topicArn, UnaryOperator<String> planLocationOfRun) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.planLocationOfRun = planLocationOfRun;
    }

    @Override
    public void send(Message message) {
        PublishRequest request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(SnsLimits.subject(message.subject(), message.runId()))
                .message(SnsLimits.message(message.body(), () -> "[Cut here: this message is longer than SNS allows (256 KiB). "
                        + "The full plan of run " + message.runId() + " is at " + planLocationOfRun.apply(message.runId()) + "]"))
                .build();
        try {
            sns.publish(request);
        } catch (SdkException e) {
            throw AwsCallException.of("publish the " + message.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " message of run " + message.runId() + " to SNS topic " + topicArn, "sns:Publish on " + topicArn, e);
        }
    }

    @Override
    public void close() {
        sns.close();
    }
}
