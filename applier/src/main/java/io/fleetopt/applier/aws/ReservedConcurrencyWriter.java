package io.fleetopt.applier.aws;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.util.List;

/**
 * Reserved concurrency: PutFunctionConcurrency, or DeleteFunctionConcurrency for "none". The concurrency API takes no
 * revision id (and does not change it); the apply's re-read of the live value stands in for it.
 */
public final class ReservedConcurrencyWriter implements LambdaSettingWriter {

    public static final List<String> IAM_ACTIONS = List.of("lambda:PutFunctionConcurrency", "lambda:DeleteFunctionConcurrency");

    private final LambdaClient lambda;

    ReservedConcurrencyWriter(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.RESERVED_CONCURRENCY;
    }

    @Override
    public List<String> iamActions() {
        return IAM_ACTIONS;
    }

    @Override
    public void write(String functionArn, String value, String expectedRevisionId) {
        Integer reserved = SettingValues.parseOptional(value);
        if (reserved == null) {
            lambda.deleteFunctionConcurrency(r -> r.functionName(functionArn));
        } else {
            lambda.putFunctionConcurrency(r -> r.functionName(functionArn).reservedConcurrentExecutions(reserved));
        }
    }
}
