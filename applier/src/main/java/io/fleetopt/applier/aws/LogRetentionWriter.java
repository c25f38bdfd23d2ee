package io.fleetopt.applier.aws;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

import java.util.List;

/**
 * Log retention: PutRetentionPolicy on the function's log group (its custom one, else /aws/lambda/NAME), or
 * DeleteRetentionPolicy for "never". CloudWatch Logs takes no revision id; the apply's re-read stands in for it.
 */
public final class LogRetentionWriter implements LambdaSettingWriter {

    public static final List<String> IAM_ACTIONS = List.of("lambda:GetFunctionConfiguration", "logs:PutRetentionPolicy",
            "logs:DeleteRetentionPolicy");

    private final LambdaClient lambda;
    private final CloudWatchLogsClient logs;

    LogRetentionWriter(LambdaClient lambda, CloudWatchLogsClient logs) {
        this.lambda = lambda;
        this.logs = logs;
    }

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.LOG_RETENTION;
    }

    @Override
    public List<String> iamActions() {
        return IAM_ACTIONS;
    }

    @Override
    public void write(String functionArn, String value, String expectedRevisionId) {
        Integer days = SettingValues.parseOptional(value);
        GetFunctionConfigurationResponse config = lambda.getFunctionConfiguration(r -> r.functionName(functionArn));
        String logGroup = FunctionLogGroup.nameOf(config.functionName(), config.loggingConfig());
        if (days == null) {
            logs.deleteRetentionPolicy(r -> r.logGroupName(logGroup));
        } else {
            logs.putRetentionPolicy(r -> r.logGroupName(logGroup).retentionInDays(days));
        }
    }
}
