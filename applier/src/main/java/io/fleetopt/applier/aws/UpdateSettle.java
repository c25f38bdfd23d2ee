package io.fleetopt.applier.aws;

import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;

import java.util.List;

/** Waits after UpdateFunctionConfiguration until Lambda's LastUpdateStatus is no longer InProgress. */
public final class UpdateSettle {

    public static final List<String> IAM_ACTIONS = List.of("lambda:GetFunctionConfiguration");

    private final LambdaClient lambda;
    private final LambdaFunctionConfigurator.UpdateWait wait;

    UpdateSettle(LambdaClient lambda, LambdaFunctionConfigurator.UpdateWait wait) {
        this.lambda = lambda;
        this.wait = wait;
    }

    /** Polls LastUpdateStatus until the update is no longer in progress; a failed update is an error. */
    void await(String functionArn) {
        for (int attempt = 0; ; attempt++) {
            GetFunctionConfigurationResponse config = lambda.getFunctionConfiguration(r -> r.functionName(functionArn));
            LastUpdateStatus status = config.lastUpdateStatus();
            if (status == null || status == LastUpdateStatus.SUCCESSFUL) {
                return;
            }
            if (status == LastUpdateStatus.FAILED) {
                throw new IllegalStateException("the update of " + functionArn + " failed: " + config.lastUpdateStatusReason());
            }
            if (attempt + 1 >= wait.maxAttempts()) {
                throw new IllegalStateException("the update of " + functionArn + " was still in progress after "
                        + wait.maxAttempts() + " checks");
            }
            wait.pause(attempt);
        }
    }
}
