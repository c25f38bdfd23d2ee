package io.fleetopt.collector.aws;

import io.fleetopt.aws.AwsClientSettings;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How the CLI (or the Lambda) reaches the account to collect.
 *
 * @param regions     regions to collect when the request names none (empty: the default region chain's)
 * @param profile     credentials profile ({@code --profile}), or null for the default chain
 * @param endpointUrl endpoint override for every client ({@code --endpoint-url}), or null
 * @param credentials explicit credentials (tests), or null
 * @param progress    who is told about progress; {@link CollectionProgress#SILENT} by default
 * @param limits      the run's bounds
 * @param apiCallTimeout the bound of one API call, its retries included; a call past it is a failed read
 */
public record AwsCollectorOptions(
        List<String> regions,
        @Nullable String profile,
        @Nullable URI endpointUrl,
        @Nullable AwsCredentialsProvider credentials,
        CollectionProgress progress,
        CollectionLimits limits,
        Duration apiCallTimeout) {

    /** The options the CLI has: regions, profile and endpoint URL (each may be empty / null), a progress listener. */
    public static AwsCollectorOptions of(List<String> regions, @Nullable String profile, @Nullable String endpointUrl,
                                         @Nullable CollectionProgress progress) {
        return new AwsCollectorOptions(regions == null ? List.of() : List.copyOf(regions), blankToNull(profile),
                endpointUrl == null || endpointUrl.isBlank() ? null : URI.create(endpointUrl), null,
                progress == null ? CollectionProgress.SILENT : progress, CollectionLimits.defaults(),
                AwsClientSettings.DEFAULT_API_CALL_TIMEOUT);
    }

    public AwsCollectorOptions withLimits(CollectionLimits newLimits) {
        return new AwsCollectorOptions(regions, profile, endpointUrl, credentials, progress, newLimits, apiCallTimeout);
    }

    public AwsCollectorOptions withCredentials(AwsCredentialsProvider provider) {
        return new AwsCollectorOptions(regions, profile, endpointUrl, provider, progress, limits, apiCallTimeout);
    }

    public AwsCollectorOptions withApiCallTimeout(Duration timeout) {
        return new AwsCollectorOptions(regions, profile, endpointUrl, credentials, progress, limits, timeout);
    }

    AwsClientSettings clientSettings(@Nullable String region) {
        return new AwsClientSettings(region, profile, endpointUrl, credentials, apiCallTimeout);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
