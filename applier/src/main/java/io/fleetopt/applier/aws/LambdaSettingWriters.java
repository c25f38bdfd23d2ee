package io.fleetopt.applier.aws;

import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.model.RecommendationKind;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS writer of each change kind the registry ({@link SettingKinds}) lists: add a kind there and its writer here.
 * Opening the writers refuses a registry kind without one, so a kind cannot be planned and approved but never written.
 */
final class LambdaSettingWriters {

    private final Map<RecommendationKind, LambdaSettingWriter> byKind = new EnumMap<>(RecommendationKind.class);

    LambdaSettingWriters(LambdaClient lambda, CloudWatchLogsClient logs, LambdaFunctionConfigurator.UpdateWait wait) {
        UpdateSettle settle = new UpdateSettle(lambda, wait);
        List<LambdaSettingWriter> writers = List.of(FunctionConfigurationWriter.memory(lambda, settle),
                FunctionConfigurationWriter.timeout(lambda, settle), FunctionConfigurationWriter.tracing(lambda, settle),
                new ReservedConcurrencyWriter(lambda), new LogRetentionWriter(lambda, logs));
        writers.forEach(w -> byKind.put(w.kind(), w));
        SettingKinds.ALL.forEach(kind -> {
            if (!byKind.containsKey(kind.kind())) {
                throw new IllegalStateException(kind.kind().label() + " is in the change-kind registry but has no AWS writer");
            }
        });
    }

    /** The writer of {@code kind}; throws for a kind the applier does not change. */
    LambdaSettingWriter of(RecommendationKind kind) {
        SettingKinds.require(kind);
        return byKind.get(kind);
    }

    List<LambdaSettingWriter> all() {
        return List.copyOf(byKind.values());
    }
}
