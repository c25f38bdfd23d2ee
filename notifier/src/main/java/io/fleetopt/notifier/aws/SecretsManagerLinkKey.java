package io.fleetopt.notifier.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The review links' HMAC key: the secret string the stack generated in Secrets Manager, read once per cold start. */
public final class SecretsManagerLinkKey {

    public static final List<String> IAM_ACTIONS = List.of("secretsmanager:GetSecretValue");

    private SecretsManagerLinkKey() {
    }

    public static byte[] read(SecretsManagerClient secrets, String secretId) {
        GetSecretValueResponse response;
        try {
            response = secrets.getSecretValue(r -> r.secretId(secretId));
        } catch (SdkException e) {
            throw AwsCallException.of("read the review link key " + secretId + " from Secrets Manager",
                    "secretsmanager:GetSecretValue on " + secretId, e);
        }
        if (response.secretString() == null || response.secretString().isBlank()) {
            throw AwsCallException.unusable("read the review link key " + secretId + " from Secrets Manager",
                    "has no secret string (the stack generates one)", null);
        }
        return response.secretString().getBytes(StandardCharsets.UTF_8);
    }
}
