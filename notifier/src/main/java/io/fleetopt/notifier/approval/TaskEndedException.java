package io.fleetopt.notifier.approval;

/** The run no longer waits for this answer: it timed out, was stopped, or was answered already. */
public final class TaskEndedException extends RuntimeException {

    public TaskEndedException(String message, Throwable cause) {
        super(message, cause);
    }
}
