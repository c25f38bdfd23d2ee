package io.fleetopt.notifier.aws;

import io.fleetopt.aws.AwsClients;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.LimitExceededException;
import software.amazon.awssdk.services.sns.SnsClient;

/** The notifier's SDK clients, built the shared way ({@link AwsClients}), with Cost Explorer's two quirks. */
public final class NotifierClients {

    /** Cost Explorer has one endpoint, in us-east-1, whatever region fleetopt runs in. */
    static final String COST_EXPLORER_REGION = "us-east-1";

    private final AwsClients clients;

    public NotifierClients(AwsClients clients) {
        this.clients = clients;
    }

    public SnsClient sns() {
        return clients.build(SnsClient.builder());
    }

    public software.amazon.awssdk.services.sfn.SfnClient stepFunctions() {
        return clients.build(software.amazon.awssdk.services.sfn.SfnClient.builder());
    }

    public software.amazon.awssdk.services.secretsmanager.SecretsManagerClient secretsManager() {
        return clients.build(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder());
    }

    public software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb() {
        return clients.build(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder());
    }

    public CloudWatchClient cloudWatch() {
        return clients.build(CloudWatchClient.builder());
    }

    /** Cost Explorer says "slow down" with its own LimitExceededException (HTTP 400), which the SDK does not retry by itself. */
    public CostExplorerClient costExplorer() {
        return clients.inRegion(COST_EXPLORER_REGION).build(CostExplorerClient.builder(),
                adaptiveRetriesAlsoThrottledBy(LimitExceededException.class));
    }

    private static RetryStrategy adaptiveRetriesAlsoThrottledBy(Class<? extends Throwable> throttling) {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .retryOnExceptionInstanceOf(throttling)
                .treatAsThrottling(t -> throttling.isInstance(t) || t instanceof SdkServiceException e && e.isThrottlingException())
                .build();
    }
}
