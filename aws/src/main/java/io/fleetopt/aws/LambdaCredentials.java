package io.fleetopt.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one credentials provider a stage Lambda's SDK clients all sign with, picked once at init from what the
 * environment holds, in the order the SDK's default chain tries them: the {@code aws.accessKeyId} system property,
 * then {@code AWS_ACCESS_KEY_ID} (what Lambda sets for a function without SnapStart), then the container endpoint
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} (what Lambda sets instead for a SnapStart function, whose snapshot must
 * not hold keys), else the default chain itself. The chain would end with the same provider, but every client built
 * its own chain, and each chain probes web identity and the profile files first. Credentials are still resolved at
 * the first call, never at init, so no key is taken into a snapshot. The command line keeps the default chains.
 */
public final class LambdaCredentials {

    private LambdaCredentials() {
    }

    public static AwsCredentialsProvider fromEnvironment() {
        return of(System.getenv(), System::getProperty);
    }

    static AwsCredentialsProvider of(Map<String, String> environment, UnaryOperator<String> systemProperties) {
        if (isSet(systemProperties.apply("aws.accessKeyId"))) {
            return SystemPropertyCredentialsProvider.create();
        }
        if (isSet(environment.get("AWS_ACCESS_KEY_ID"))) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        if (isSet(environment.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"))) {
            return ContainerCredentialsProvider.builder().build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
