package io.fleetopt.notifier.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.LimitExceededException;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;

/**
 * Builds the notifier's AWS SDK clients one way: the URL-connection HTTP client (small, quick to start in
 * Lambda), adaptive retries (throttling slows the client down instead of failing), and an optional endpoint
 * override for tests and emulators. A null region or credentials provider means the SDK's default chain.
 */
public final class AwsClients {

    /** Cost Explorer has one endpoint, in us-east-1, whatever region fleetopt runs in. */
    static final Region COST_EXPLORER_REGION = Region.US_EAST_1;

    private final URI endpointOverride;
    private final Region region;
    private final AwsCredentialsProvider credentials;

    public AwsClients(URI endpointOverride, Region region, AwsCredentialsProvider credentials) {
        this.endpointOverride = endpointOverride;
        this.region = region;
        this.credentials = credentials;
    }

    /** Region and credentials from the default chains (Lambda's environment), endpoint override if given. */
    public static AwsClients fromDefaultChains(URI endpointOverride) {
        return new AwsClients(endpointOverride, null, null);
    }

    public SnsClient sns() {
        return configure(SnsClient.builder(), region, AwsRetryStrategy.forRetryMode(RetryMode.ADAPTIVE_V2)).build();
    }

    public CloudWatchClient cloudWatch() {
        return configure(CloudWatchClient.builder(), region, AwsRetryStrategy.forRetryMode(RetryMode.ADAPTIVE_V2)).build();
    }

    /** Cost Explorer says "slow down" with its own LimitExceededException (HTTP 400), which the SDK does not retry by itself. */
    public CostExplorerClient costExplorer() {
        return configure(CostExplorerClient.builder(), COST_EXPLORER_REGION, adaptiveRetriesAlsoThrottledBy(LimitExceededException.class))
                .build();
    }

    private static RetryStrategy adaptiveRetriesAlsoThrottledBy(Class<? extends Throwable> throttling) {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .retryOnExceptionInstanceOf(throttling)
                .treatAsThrottling(t -> throttling.isInstance(t) || t instanceof SdkServiceException e && e.isThrottlingException())
                .build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Region clientRegion,
                                                                                         RetryStrategy retries) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(retries).build());
        if (clientRegion != null) {
            builder.region(clientRegion);
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder;
    }
}
