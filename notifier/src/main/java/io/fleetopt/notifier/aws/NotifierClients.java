package io.fleetopt.notifier.aws;

import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
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

    /** A presigner for S3 GET links, signed with the same credentials and region as the clients. */
    public S3Presigner s3Presigner() {
        AwsClientSettings settings = clients.settings();
        S3Presigner.Builder builder = S3Presigner.builder().region(clients.region()).credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.endpointUrl() != null).build());
        if (settings.endpointUrl() != null) {
            builder.endpointOverride(settings.endpointUrl());
        }
        return builder.build();
    }

    /** The credentials the clients sign with: the explicit ones, the profile's, or the default chain's. */
    public AwsCredentialsProvider credentials() {
        AwsClientSettings settings = clients.settings();
        if (settings.credentials() != null) {
            return settings.credentials();
        }
        if (settings.profile() != null && !settings.profile().isBlank()) {
            return ProfileCredentialsProvider.create(settings.profile());
        }
        return DefaultCredentialsProvider.builder().build();
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

    /** CloudWatch of another region (a function's metrics are in its own region). */
    public CloudWatchClient cloudWatchIn(String region) {
        return clients.inRegion(region).build(CloudWatchClient.builder());
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
