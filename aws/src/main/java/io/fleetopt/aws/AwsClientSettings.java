package io.fleetopt.aws;

import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.TlsTrustManagersProvider;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach AWS: the region and credentials profile (null: the default chains), an endpoint override
 * (as the AWS CLI's {@code --endpoint-url}, for a local emulator), and how long one call may take in all,
 * retries included.
 *
 * @param region         region name, or null for the default region chain
 * @param profile        credentials profile name, or null for the default credentials chain
 * @param endpointUrl    endpoint override for every client, or null for the real AWS endpoints
 * @param credentials    explicit credentials (tests; on Lambda the one provider {@link LambdaCredentials} picks), or null
 *                       for the profile / default chain
 * @param apiCallTimeout the bound of one API call, its retries included
 * @param trustManagers  the TLS trust managers of the HTTP client (on Lambda, {@link SdkStartup}'s: the JDK's default
 *                       ones, made at the init's start), or null for the JDK's default ones made when it is built
 */
public record AwsClientSettings(
        @Nullable String region,
        @Nullable String profile,
        @Nullable URI endpointUrl,
        @Nullable AwsCredentialsProvider credentials,
        Duration apiCallTimeout,
        @Nullable TlsTrustManagersProvider trustManagers) {

    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(60);

    public AwsClientSettings(@Nullable String region, @Nullable String profile, @Nullable URI endpointUrl,
                             @Nullable AwsCredentialsProvider credentials, Duration apiCallTimeout) {
        this(region, profile, endpointUrl, credentials, apiCallTimeout, null);
    }

    public static AwsClientSettings defaults() {
        return new AwsClientSettings(null, null, null, null, DEFAULT_API_CALL_TIMEOUT);
    }

    public AwsClientSettings withRegion(String otherRegion) {
        return new AwsClientSettings(otherRegion, profile, endpointUrl, credentials, apiCallTimeout, trustManagers);
    }

    /** The same settings with other credentials (a member role's session). */
    public AwsClientSettings withCredentials(AwsCredentialsProvider otherCredentials) {
        return new AwsClientSettings(region, profile, endpointUrl, otherCredentials, apiCallTimeout, trustManagers);
    }
}
