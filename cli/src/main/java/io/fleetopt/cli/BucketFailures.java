package io.fleetopt.cli;

import software.amazon.awssdk.services.s3.model.S3Exception;

/** What an S3 call on a deployed stack's bucket answered, typed where it is caught: access denied names the action. */
final class BucketFailures {

    private BucketFailures() {
    }

    /** {@code action} is the IAM action the call needs, {@code on} what it was called on (bucket, object). */
    static RuntimeException typed(S3Exception e, String action, String on) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (e.statusCode() == 403 || "AccessDenied".equals(code)) {
            return new StackOutputs.StackAccessDeniedException("access denied: the credentials may not call " + action + " on "
                    + on + ", which --stack needs to read the stack's runs", e);
        }
        if ("NoSuchBucket".equals(code)) {
            return new UsageException("the stack's artifact bucket is not there (" + on + " answered NoSuchBucket): "
                    + "is the stack deployed in full?");
        }
        return e;
    }
}
