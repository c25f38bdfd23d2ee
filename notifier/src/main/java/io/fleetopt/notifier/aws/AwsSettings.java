package io.fleetopt.notifier.aws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;

/**
 * {@code fleetopt.aws.endpoint-url}: where the AWS clients send their calls instead of AWS's endpoints (a local
 * emulator or a test server). Unset in AWS.
 */
@ConfigurationProperties("fleetopt.aws")
@Requires(property = "fleetopt.account", value = "aws", defaultValue = "aws")
public record AwsSettings(@Nullable URI endpointUrl) {
}
