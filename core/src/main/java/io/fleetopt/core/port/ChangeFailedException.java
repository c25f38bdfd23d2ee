package io.fleetopt.core.port;

/**
 * A change the account refused or could not take now. {@code transientFailure} is decided where the SDK's exception
 * was caught (throttling, a conflicting update in progress, a service error: worth another try), never parsed
 * back from a message.
 */
public class ChangeFailedException extends RuntimeException {

    private final boolean transientFailure;
    private final String errorCode;

    public ChangeFailedException(String errorCode, String message, boolean transientFailure, Throwable cause) {
        super(errorCode + ": " + message, cause);
        this.errorCode = errorCode;
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public String errorCode() {
        return errorCode;
    }
}
