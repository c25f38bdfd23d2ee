package io.fleetopt.applier.aws;

import io.fleetopt.core.model.RecommendationKind;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.util.List;
import java.util.stream.Stream;

/** Memory: UpdateFunctionConfiguration MemorySize with the revision id, then the settle wait. */
public final class MemoryWriter implements LambdaSettingWriter {

    /** What this class calls itself. */
    public static final List<String> OWN_IAM_ACTIONS = List.of("lambda:UpdateFunctionConfiguration");
    /** Its call and the settle wait's. */
    public static final List<String> IAM_ACTIONS = Stream.concat(OWN_IAM_ACTIONS.stream(), UpdateSettle.IAM_ACTIONS.stream()).toList();

    private final LambdaClient lambda;
    private final UpdateSettle settle;

    MemoryWriter(LambdaClient lambda, UpdateSettle settle) {
        this.lambda = lambda;
        this.settle = settle;
    }

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.MEMORY;
    }

    @Override
    public List<String> iamActions() {
        return IAM_ACTIONS;
    }

    @Override
    public void write(String functionArn, String value, String expectedRevisionId) {
        lambda.updateFunctionConfiguration(b -> b.functionName(functionArn).revisionId(expectedRevisionId)
                .memorySize(Integer.parseInt(value)));
        settle.await(functionArn);
    }
}
