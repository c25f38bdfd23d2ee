package io.fleetopt.applier.aws;

import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionConfigurator;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The applier's AWS adapters, for {@code fleetopt.account=aws} (the default in Lambda). */
@Factory
@Requires(property = "fleetopt.account", value = "aws", defaultValue = "aws")
public class ApplierAwsFactory {

    @Singleton
    FunctionConfigurator functionConfigurator() {
        LambdaClient lambda = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2)).build();
        CloudWatchLogsClient logs = CloudWatchLogsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2)).build();
        return new LambdaFunctionConfigurator(lambda, logs, LambdaFunctionConfigurator.UpdateWait.standard());
    }

    @Singleton
    ChangeLedger changeLedger(@Value("${fleetopt.ledger.table}") String table) {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2)).build();
        return new DynamoDbChangeLedger(dynamo, table);
    }
}
