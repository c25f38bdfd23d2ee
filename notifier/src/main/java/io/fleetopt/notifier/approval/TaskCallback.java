package io.fleetopt.notifier.approval;

/**
 * Resumes the run waiting at RequestApproval: Step Functions' SendTaskHeartbeat / SendTaskSuccess /
 * SendTaskFailure on AWS, a result file beside the waiting command locally.
 */
public interface TaskCallback {

    /** Whether the task still waits for its answer (false once the run timed out, was stopped or got an answer). */
    boolean isWaiting(String taskToken);

    /** Resumes the run with {@code outputJson}; {@link TaskEndedException} when it no longer waits. */
    void succeed(String taskToken, String outputJson);

    /** Ends the task with {@code error}; {@link TaskEndedException} when it no longer waits. */
    void fail(String taskToken, String error, String cause);
}
