package io.fleetopt.notifier.aws;

import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server on 127.0.0.1 that answers as AWS does on the wire, and SDK clients pointed at it with dummy
 * credentials. The AWS Query protocol (SNS, CloudWatch in SDK 2.40): a form-encoded POST with Action and Version,
 * answered in XML; errors as an ErrorResponse document. JSON 1.1 (Cost Explorer): a POST with X-Amz-Target,
 * answered in JSON; errors with "__type".
 */
final class AwsWire {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final String TOPIC_ARN = "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":fleetopt-notifications";

    private AwsWire() {
    }

    static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
    }

    static NotifierClients clients(WireMockExtension server) {
        return new NotifierClients(new AwsClients(new AwsClientSettings(REGION, null, URI.create(server.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTESTTEST", "test-secret")),
                AwsClientSettings.DEFAULT_API_CALL_TIMEOUT)));
    }

    /** An AWS Query protocol response document: {@code <ActionResponse><ActionResult>result</ActionResult>...}. */
    static ResponseDefinitionBuilder queryResponse(String xmlns, String action, String result) {
        String body = "<" + action + "Response xmlns=\"" + xmlns + "\">\n"
                + (result == null ? "" : "  <" + action + "Result>" + result + "</" + action + "Result>\n")
                + "  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8e7a96aa73</RequestId></ResponseMetadata>\n"
                + "</" + action + "Response>\n";
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    /** An AWS Query protocol error. */
    static ResponseDefinitionBuilder queryError(String xmlns, int status, String type, String code, String message) {
        String body = "<ErrorResponse xmlns=\"" + xmlns + "\">\n"
                + "  <Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>\n"
                + "  <RequestId>9b1c2f0e-0d3a-4c1e-8f2b-1a2b3c4d5e6f</RequestId>\n"
                + "</ErrorResponse>\n";
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
    }

    /** An AWS JSON 1.1 response. */
    static ResponseDefinitionBuilder jsonResponse(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(json);
    }

    /** An AWS JSON 1.1 error. */
    static ResponseDefinitionBuilder jsonError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "5e6f7a8b-1111-2222-3333-444455556666")
                .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
    }

    /** The form parameters of an AWS Query protocol request, in the order sent. */
    static Map<String, String> formParameters(LoggedRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    static List<Map<String, String>> formRequests(WireMockExtension server) {
        return server.getAllServeEvents().reversed().stream().map(e -> formParameters(e.getRequest())).toList();
    }
}
