package io.fleetopt.applier.aws;

import software.amazon.awssdk.services.lambda.model.LoggingConfig;

/** Which log group a function writes to: its custom one if it has one, else Lambda's default /aws/lambda/NAME. */
final class FunctionLogGroup {

    private FunctionLogGroup() {
    }

    static String nameOf(String functionName, LoggingConfig logging) {
        if (logging != null && logging.logGroup() != null) {
            return logging.logGroup();
        }
        return "/aws/lambda/" + functionName;
    }
}
