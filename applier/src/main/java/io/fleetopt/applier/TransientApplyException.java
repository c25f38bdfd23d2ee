package io.fleetopt.applier;

import java.util.List;

/**
 * An item failed for a reason that goes away by itself (throttling, an update still in progress, a service
 * error). Thrown out of the Lambda so that the state machine's Retry on
 * {@code io.fleetopt.applier.TransientApplyException} tries the item again with backoff.
 */
public final class TransientApplyException extends RuntimeException {

    private static final List<String> TRANSIENT_ERRORS = List.of("TooManyRequestsException", "ThrottlingException",
            "ResourceConflictException", "ServiceException", "SdkClientException", "EC2ThrottledException");

    public TransientApplyException(String itemId, String reason) {
        super("item " + itemId + " failed for now, to be retried: " + reason);
    }

    /** The applier reports a failure as "ExceptionName: message"; these names are worth another try. */
    static boolean isTransient(String reason) {
        if (reason == null) {
            return false;
        }
        String name = reason.contains(":") ? reason.substring(0, reason.indexOf(':')).trim() : reason.trim();
        return TRANSIENT_ERRORS.contains(name);
    }
}
