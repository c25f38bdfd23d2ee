package io.fleetopt.applier.aws;

import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageSender;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.List;

/**
 * The Rollback function's notices, published to the notification topic. A notice is about one function, far below
 * SNS's 256 KiB; its subject is cut to SNS's 100 characters. Throttling is retried by the client; a refused publish
 * is thrown (the function's error alarm and Lambda's retry of the event follow), after the rollback is in the ledger.
 */
public final class SnsRollbackNotices implements MessageSender, AutoCloseable {

    /** What {@link #send} calls, on the one topic it publishes to. */
    public static final List<String> IAM_ACTIONS = List.of("sns:Publish");
    static final int MAX_SUBJECT_CHARS = 100;

    private final SnsClient sns;
    private final String topicArn;

    public SnsRollbackNotices(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void send(Message message) {
        String subject = message.subject().length() <= MAX_SUBJECT_CHARS ? message.subject()
                : message.subject().substring(0, MAX_SUBJECT_CHARS - 3) + "...";
        try {
            sns.publish(r -> r.topicArn(topicArn).subject(subject).message(message.body()));
        } catch (SdkException e) {
            throw new IllegalStateException("could not publish the rollback notice of run " + message.runId() + " to SNS topic "
                    + topicArn + " (allow sns:Publish on it): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        sns.close();
    }
}
