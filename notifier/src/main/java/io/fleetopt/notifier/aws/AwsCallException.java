package io.fleetopt.notifier.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;

/**
 * A call to an AWS service failed, or answered something fleetopt cannot use. The message says what was being
 * done, what AWS answered, and, when access was denied, which permission the role lacks.
 */
public final class AwsCallException extends RuntimeException {

    private static final Set<String> ACCESS_DENIED_CODES =
            Set.of("AccessDenied", "AccessDeniedException", "AuthorizationError", "UnauthorizedOperation");

    private AwsCallException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code doing} reads as "could not ..."; {@code permission} is the IAM action the call needs. */
    static AwsCallException of(String doing, String permission, SdkException failure) {
        return new AwsCallException("could not " + doing + ": " + describe(failure, permission), failure);
    }

    /** The service answered, but not in a shape fleetopt can use. */
    static AwsCallException unusable(String doing, String what, Throwable cause) {
        return new AwsCallException("could not " + doing + ": the response " + what, cause);
    }

    private static String describe(SdkException failure, String permission) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            String message = service.awsErrorDetails().errorMessage();
            String text = (code == null ? "error" : code) + " (HTTP " + status + ")" + (message == null ? "" : ": " + message);
            if (ACCESS_DENIED_CODES.contains(code) || status == 403) {
                text += " - allow " + permission + " to the role fleetopt runs as";
            }
            return service.requestId() == null ? text : text + " [request id " + service.requestId() + "]";
        }
        String message = String.valueOf(failure.getMessage());
        int lineBreak = message.indexOf('\n');
        return lineBreak < 0 ? message : message.substring(0, lineBreak);
    }
}
