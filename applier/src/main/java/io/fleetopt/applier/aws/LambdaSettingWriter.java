package io.fleetopt.applier.aws;

import io.fleetopt.core.model.RecommendationKind;

import java.util.List;

/**
 * How one change kind is written on AWS: the call (with the revision id where the API takes one), and the IAM actions
 * that call needs. One writer per kind of {@link io.fleetopt.core.change.SettingKinds} (the UpdateFunctionConfiguration
 * kinds share one class); {@link LambdaSettingWriters} lists them. The writer throws what the SDK throws; {@link LambdaFunctionConfigurator} types it where it is caught.
 */
public sealed interface LambdaSettingWriter permits FunctionConfigurationWriter, ReservedConcurrencyWriter,
        LogRetentionWriter {

    RecommendationKind kind();

    /** The actions {@link #write} calls (its own calls, and the settle wait's when it waits). */
    List<String> iamActions();

    /**
     * Sets the function's setting to {@code value} (canonical form, see {@link io.fleetopt.core.model.SettingValues}),
     * and returns once the change has settled. A kind whose API takes a revision id sends {@code expectedRevisionId}.
     */
    void write(String functionArn, String value, String expectedRevisionId);
}
