package io.fleetopt.applier.aws;

import io.fleetopt.core.model.RecommendationKind;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The kinds Lambda's UpdateFunctionConfiguration sets (memory, timeout, X-Ray tracing): the one field, with the
 * revision id, then the settle wait. Each kind differs only in the field it sets.
 */
public final class FunctionConfigurationWriter implements LambdaSettingWriter {

    /** What this class calls itself. */
    public static final List<String> OWN_IAM_ACTIONS = List.of("lambda:UpdateFunctionConfiguration");
    /** Its call and the settle wait's. */
    public static final List<String> IAM_ACTIONS = Stream.concat(OWN_IAM_ACTIONS.stream(), UpdateSettle.IAM_ACTIONS.stream()).toList();

    private final RecommendationKind kind;
    private final BiConsumer<UpdateFunctionConfigurationRequest.Builder, String> field;
    private final LambdaClient lambda;
    private final UpdateSettle settle;

    private FunctionConfigurationWriter(RecommendationKind kind, BiConsumer<UpdateFunctionConfigurationRequest.Builder, String> field,
                                        LambdaClient lambda, UpdateSettle settle) {
        this.kind = kind;
        this.field = field;
        this.lambda = lambda;
        this.settle = settle;
    }

    /** MemorySize, in MB. */
    static FunctionConfigurationWriter memory(LambdaClient lambda, UpdateSettle settle) {
        return new FunctionConfigurationWriter(RecommendationKind.MEMORY, (b, v) -> b.memorySize(Integer.parseInt(v)), lambda, settle);
    }

    /** Timeout, in seconds. */
    static FunctionConfigurationWriter timeout(LambdaClient lambda, UpdateSettle settle) {
        return new FunctionConfigurationWriter(RecommendationKind.TIMEOUT, (b, v) -> b.timeout(Integer.parseInt(v)), lambda, settle);
    }

    /** TracingConfig.Mode. */
    static FunctionConfigurationWriter tracing(LambdaClient lambda, UpdateSettle settle) {
        return new FunctionConfigurationWriter(RecommendationKind.TRACING, (b, v) -> b.tracingConfig(t -> t.mode(v)), lambda, settle);
    }

    @Override
    public RecommendationKind kind() {
        return kind;
    }

    @Override
    public List<String> iamActions() {
        return IAM_ACTIONS;
    }

    @Override
    public void write(String functionArn, String value, String expectedRevisionId) {
        lambda.updateFunctionConfiguration(b -> {
            b.functionName(functionArn).revisionId(expectedRevisionId);
            field.accept(b, value);
        });
        settle.await(functionArn);
    }
}
