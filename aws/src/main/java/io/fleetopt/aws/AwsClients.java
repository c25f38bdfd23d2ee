package io.fleetopt.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SDK v2 sync clients every stage uses, all the same way: one {@link UrlConnectionHttpClient} they all
 * share (built with the first client: each HTTP client builds its own TLS context, a cost a Lambda's init paid once
 * per client), adaptive retry mode (backs off and slows down on throttling), region and credentials from the
 * settings or the default chains, the endpoint override when set, the shared {@link ApiCallCounter} and
 * {@link PrimingLoopback}. Closes what
 * it built, the HTTP client last.
 */
public final class AwsClients implements AutoCloseable {

    private static final PrimingLoopback PRIMING_LOOPBACK = new PrimingLoopback();

    private final AwsClientSettings settings;
    private final ApiCallCounter counter;
    private final List<SdkAutoCloseable> built = new ArrayList<>();
    private SdkHttpClient http;

    public AwsClients(AwsClientSettings settings, ApiCallCounter counter) {
        this.settings = settings;
        this.counter = counter;
    }

    public AwsClients(AwsClientSettings settings) {
        this(settings, new ApiCallCounter());
    }

    public AwsClientSettings settings() {
        return settings;
    }

    public ApiCallCounter counter() {
        return counter;
    }

    /** The same clients in another region (sharing this counter). */
    public AwsClients inRegion(String region) {
        return new AwsClients(settings.withRegion(region), counter);
    }

    /** The region clients are built for: the configured one, else the default region chain's. */
    public Region region() {
        if (settings.region() != null && !settings.region().isBlank()) {
            return Region.of(settings.region());
        }
        DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
        if (settings.profile() != null) {
            chain.profileName(settings.profile());
        }
        return chain.build().getRegion();
    }

    /**
     * Configures and builds any sync client, e.g. {@code clients.build(LambdaClient.builder())}.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C build(B builder) {
        return build(builder, AwsRetryStrategy.forRetryMode(RetryMode.ADAPTIVE_V2));
    }

    /** Like {@link #build(AwsClientBuilder)}, with a service's own retry strategy. */
    public synchronized <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C build(
            B builder, RetryStrategy retries) {
        builder.httpClient(httpClient())
                .region(region())
                .credentialsProvider(credentials())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retries)
                        .apiCallTimeout(settings.apiCallTimeout())
                        .addExecutionInterceptor(counter)
                        .addExecutionInterceptor(PRIMING_LOOPBACK)
                        .build());
        if (settings.endpointUrl() != null) {
            builder.endpointOverride(settings.endpointUrl());
        }
        C client = builder.build();
        built.add(client);
        return client;
    }

    /** The HTTP client every client built here sends through (not closed by them: {@link #close()} closes it). */
    synchronized SdkHttpClient httpClient() {
        if (http == null) {
            UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder();
            if (settings.trustManagers() != null) {
                builder.tlsTrustManagersProvider(settings.trustManagers());
            }
            http = builder.build();
        }
        return http;
    }

    /** An S3 client; path-style addressing when an endpoint override is set (emulators have no bucket DNS). */
    public S3Client s3() {
        return build(S3Client.builder().forcePathStyle(settings.endpointUrl() != null));
    }

    private AwsCredentialsProvider credentials() {
        if (settings.credentials() != null) {
            return settings.credentials();
        }
        if (settings.profile() != null && !settings.profile().isBlank()) {
            return ProfileCredentialsProvider.create(settings.profile());
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The clients built so far, in order. */
    public synchronized List<SdkClient> builtClients() {
        return built.stream().filter(SdkClient.class::isInstance).map(SdkClient.class::cast).toList();
    }

    /** The services of the clients built so far, in order (e.g. what a handler's init constructed). */
    public synchronized List<String> builtServices() {
        return builtClients().stream().map(SdkClient::serviceName).toList();
    }

    @Override
    public synchronized void close() {
        built.forEach(SdkAutoCloseable::close);
        built.clear();
        if (http != null) {
            http.close();
            http = null;
        }
    }
}
