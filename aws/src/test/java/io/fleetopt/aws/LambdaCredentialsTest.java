package io.fleetopt.aws;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class LambdaCredentialsTest {

    static Stream<Arguments> environments() {
        return Stream.of(
                Arguments.of("a function without SnapStart: Lambda's key variables",
                        Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s", "AWS_SESSION_TOKEN", "t"), Map.of(),
                        EnvironmentVariableCredentialsProvider.class),
                Arguments.of("a SnapStart function: the container endpoint, no keys",
                        Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials",
                                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token"), Map.of(),
                        ContainerCredentialsProvider.class),
                Arguments.of("keys and the container endpoint: the keys, as the default chain would",
                        Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s",
                                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/"), Map.of(),
                        EnvironmentVariableCredentialsProvider.class),
                Arguments.of("system properties come first, as in the default chain",
                        Map.of("AWS_ACCESS_KEY_ID", "AKID"), Map.of("aws.accessKeyId", "AKIDPROP"),
                        SystemPropertyCredentialsProvider.class),
                Arguments.of("nothing Lambda sets: the default chain", Map.of(), Map.of(), DefaultCredentialsProvider.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void picksTheProviderTheDefaultChainWouldEndWith(String situation, Map<String, String> environment,
                                                     Map<String, String> systemProperties,
                                                     Class<? extends AwsCredentialsProvider> expected) {
        assertInstanceOf(expected, LambdaCredentials.of(environment, systemProperties::get));
    }
}
