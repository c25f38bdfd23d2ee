package io.fleetopt.notifier.aws;

import io.fleetopt.notifier.approval.TaskCallback;
import io.fleetopt.notifier.approval.TaskEndedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

import java.util.List;

/**
 * Answers the task RequestApproval waits on through Step Functions (AWS JSON 1.0). A task that timed out, no
 * longer exists or has a token Step Functions does not know is "ended": the review page says so.
 */
public final class StepFunctionsTaskCallback implements TaskCallback, AutoCloseable {

    public static final List<String> IAM_ACTIONS = List.of("states:SendTaskHeartbeat", "states:SendTaskSuccess",
            "states:SendTaskFailure");
    /** SendTaskFailure's limit on {@code cause}. */
    static final int MAX_CAUSE_CHARS = 32_768;

    private final SfnClient sfn;

    public StepFunctionsTaskCallback(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public boolean isWaiting(String taskToken) {
        try {
            sfn.sendTaskHeartbeat(r -> r.taskToken(taskToken));
            return true;
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException ended) {
            return false;
        } catch (SdkException e) {
            throw AwsCallException.of("check that the run still waits for its approval", "states:SendTaskHeartbeat", e);
        }
    }

    @Override
    public void succeed(String taskToken, String outputJson) {
        try {
            sfn.sendTaskSuccess(r -> r.taskToken(taskToken).output(outputJson));
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException ended) {
            throw new TaskEndedException("the run no longer waits for its approval: " + ended.awsErrorDetails().errorCode(), ended);
        } catch (SdkException e) {
            throw AwsCallException.of("resume the run with the approval", "states:SendTaskSuccess", e);
        }
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        String shortCause = cause.length() <= MAX_CAUSE_CHARS ? cause : cause.substring(0, MAX_CAUSE_CHARS);
        try {
            sfn.sendTaskFailure(r -> r.taskToken(taskToken).error(error).cause(shortCause));
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException ended) {
            throw new TaskEndedException("the run no longer waits for its approval: " + ended.awsErrorDetails().errorCode(), ended);
        } catch (SdkException e) {
            throw AwsCallException.of("end the run's approval with " + error, "states:SendTaskFailure", e);
        }
    }

    @Override
    public void close() {
        sfn.close();
    }
}
