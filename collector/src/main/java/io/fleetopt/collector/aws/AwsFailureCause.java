package io.fleetopt.collector.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.net.ConnectException;
import java.net.UnknownHostException;

/**
 * What made an AWS call fail, in words a user can act on, decided from the SDK's exception types where it was
 * caught: access denied (with the IAM action to allow), throttling after the SDK's retries, an HTTP error status, a
 * refused connection, an unknown host, a timeout, missing credentials. Each ends with the fix.
 */
public final class AwsFailureCause {

    private AwsFailureCause() {
    }

    /** E.g. "access denied (AccessDeniedException, HTTP 403): allow lambda:ListFunctions to these credentials". */
    public static String of(SdkException error, String iamAction) {
        if (error instanceof AwsServiceException service) {
            String code = SubCallFailures.errorCode(service);
            String status = "HTTP " + service.statusCode();
            if (SubCallFailures.isAccessDenied(service) || service.statusCode() == 403) {
                return "access denied (" + code + ", " + status + "): allow " + iamAction + " to these credentials";
            }
            if (service.isThrottlingException()) {
                return "throttled (" + code + ", " + status + ")" + attempts(service)
                        + ": the account's API rate is in use; run again later";
            }
            if (service.statusCode() >= 500) {
                return "the service failed (" + code + ", " + status + ")" + attempts(service) + ": run again later";
            }
            return "refused (" + code + ", " + status + "): " + firstLine(service.awsErrorDetails() == null
                    ? service.getMessage() : service.awsErrorDetails().errorMessage());
        }
        if (error instanceof ApiCallTimeoutException) {
            return "no answer in time (" + error.getClass().getSimpleName() + "): check the network and --endpoint-url";
        }
        if (error instanceof SdkClientException) {
            for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ConnectException) {
                    return "connection refused (" + firstLine(cause.getMessage()) + ")" + attempts(error)
                            + ": check that the endpoint is up (--endpoint-url) and reachable";
                }
                if (cause instanceof UnknownHostException) {
                    return "unknown host " + cause.getMessage() + ": check --endpoint-url and --region";
                }
            }
            String message = firstLine(error.getMessage());
            if (message.contains("credentials")) {
                return "no AWS credentials (" + message + "): configure them (aws configure, AWS_PROFILE) or pass --profile";
            }
            if (message.contains("region")) {
                return "no AWS region (" + message + "): pass --region or configure a default region";
            }
            return firstLine(error.getMessage());
        }
        return firstLine(error.getMessage());
    }

    private static String attempts(SdkException error) {
        Integer attempts = error.numAttempts();
        return attempts == null || attempts <= 1 ? "" : " after " + attempts + " attempts";
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        return message.lines().findFirst().orElse(message);
    }
}
