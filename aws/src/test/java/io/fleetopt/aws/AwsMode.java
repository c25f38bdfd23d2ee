package io.fleetopt.aws;

import java.util.Map;

/** The configuration a stage Lambda gets from infra, for tests that build a stage's beans in AWS mode. */
public final class AwsMode {

    private AwsMode() {
    }

    public static Map<String, Object> lambdaEnvironment() {
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        return Map.of(
                "fleetopt.account", "aws",
                "fleetopt.artifact-bucket", "fleetopt-artifacts",
                "fleetopt.ledger-table", "fleetopt-ledger",
                "fleetopt.notifier.topic-arn", "arn:aws:sns:us-east-1:123456789012:fleetopt-notifications");
    }
}
