package io.fleetopt.notifier.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the review link key: Secrets Manager's GetSecretValue on the wire (AWS JSON 1.1), against WireMock. */
class SecretsManagerLinkKeyTest {

    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:fleetopt-review-link-key-AbCdEf";

    @RegisterExtension
    static WireMockExtension secrets = AwsWire.server();

    @Test
    void readsTheGeneratedSecretStringAsTheKey() {
        secrets.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(AwsWire.jsonResponse("{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"fleetopt-review-link-key\","
                        + "\"SecretString\":\"Qm9mZmluLW5vdC1hLXJlYWwta2V5LWJ1dC1sb25nLWVub3VnaA\","
                        + "\"VersionId\":\"EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE\",\"VersionStages\":[\"AWSCURRENT\"],"
                        + "\"CreatedDate\":1.7304E9}")));

        byte[] key = SecretsManagerLinkKey.read(AwsWire.clients(secrets).secretsManager(), SECRET_ARN);

        assertArrayEquals("Qm9mZmluLW5vdC1hLXJlYWwta2V5LWJ1dC1sb25nLWVub3VnaA".getBytes(StandardCharsets.UTF_8), key);
        secrets.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson("{\"SecretId\":\"" + SECRET_ARN + "\"}")));
    }

    @Test
    void aDeniedReadNamesTheSecretAndThePermission() {
        secrets.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.jsonError(400, "AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/fleetopt-review/fn is not authorized to perform: "
                        + "secretsmanager:GetSecretValue")));

        AwsCallException e = assertThrows(AwsCallException.class,
                () -> SecretsManagerLinkKey.read(AwsWire.clients(secrets).secretsManager(), SECRET_ARN));

        assertTrue(e.getMessage().startsWith("could not read the review link key " + SECRET_ARN + " from Secrets Manager: "
                + "AccessDeniedException"), e.getMessage());
        assertTrue(e.getMessage().contains("allow secretsmanager:GetSecretValue on " + SECRET_ARN), e.getMessage());
    }
}
