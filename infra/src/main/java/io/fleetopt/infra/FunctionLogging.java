package io.fleetopt.infra;

import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.constructs.IConstruct;

/**
 * Every Lambda function of the stack, whoever adds it, logs in Lambda's JSON log format (application and system
 * logs at INFO) and knows its stage: {@code FLEETOPT_STAGE} is its name without the stack's prefix ({@code Collect},
 * {@code ReviewEndpoint}, …), the {@code Stage} dimension of its EMF metrics and the {@code stage} field of its log
 * lines. An aspect, so a function added later gets the same.
 */
final class FunctionLogging implements IAspect {

    static final String LOG_FORMAT = "JSON";
    static final String LOG_LEVEL = "INFO";
    static final String STAGE_VARIABLE = "FLEETOPT_STAGE";

    private final String ownNamePrefix;

    FunctionLogging(String ownNamePrefix) {
        this.ownNamePrefix = ownNamePrefix;
    }

    @Override
    public void visit(IConstruct node) {
        if (node instanceof CfnFunction function) {
            function.addPropertyOverride("LoggingConfig.LogFormat", LOG_FORMAT);
            function.addPropertyOverride("LoggingConfig.ApplicationLogLevel", LOG_LEVEL);
            function.addPropertyOverride("LoggingConfig.SystemLogLevel", LOG_LEVEL);
            String name = function.getFunctionName();
            if (name != null && !Token.isUnresolved(name) && name.startsWith(ownNamePrefix)) {
                function.addPropertyOverride("Environment.Variables." + STAGE_VARIABLE, name.substring(ownNamePrefix.length()));
            }
        }
    }
}
