package io.fleetopt.applier.aws;

import io.fleetopt.aws.AwsClients;
import io.fleetopt.core.port.AliasRouter;
import io.fleetopt.core.port.FunctionConfigurator;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The applier's own AWS adapter, for {@code fleetopt.account=aws} (the default in Lambda). */
@Factory
@Requires(property = "fleetopt.account", value = "aws", defaultValue = "aws")
@Requires(notEnv = Environment.CLI)
public class ApplierAwsFactory {

    @Singleton
    FunctionConfigurator functionConfigurator(AwsClients clients) {
        return new LambdaFunctionConfigurator(clients.build(LambdaClient.builder()), clients.build(CloudWatchLogsClient.builder()),
                LambdaFunctionConfigurator.UpdateWait.standard());
    }

    @Singleton
    AliasRouter aliasRouter(AwsClients clients) {
        return new LambdaAliasRouter(clients.build(LambdaClient.builder()), LambdaFunctionConfigurator.UpdateWait.standard());
    }
}
