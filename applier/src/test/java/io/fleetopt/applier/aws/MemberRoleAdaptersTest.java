package io.fleetopt.applier.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fleetopt.applier.MemberAccountAppliers;
import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.MemberRoleDeniedException;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.FunctionSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member account's function written through its member role, on the wire: STS (query protocol, XML answers)
 * assumes the role of the function ARN's account with the external id, in the ARN's region; Lambda (REST-JSON) is
 * then read and written with the assumed credentials (their access key id and session token sign every call).
 */
class MemberRoleAdaptersTest {

    private static final String MEMBER = "210987654321";
    private static final String ARN = "arn:aws:lambda:eu-west-1:" + MEMBER + ":function:orders-api";
    private static final String FUNCTION_PATH = "/2015-03-31/functions/arn(%3A|:)aws(%3A|:)lambda.*orders-api";

    private WireMockServer aws;
    private AwsClients clients;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing(MEMBER))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(resource("AssumeRole.xml"))));
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing("444455556666"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
                        .withBody(resource("AssumeRole-AccessDenied.xml"))));
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH)).willReturn(json("""
                {"Configuration": {"FunctionName": "orders-api", "FunctionArn": "%s", "MemorySize": 1024, "Timeout": 30,
                  "RevisionId": "rev-1", "TracingConfig": {"Mode": "PassThrough"}, "LastUpdateStatus": "Successful"},
                 "Tags": {"team": "orders"}}
                """.formatted(ARN))));
        aws.stubFor(get(urlPathMatching("/2017-03-31/tags/.*orders-api")).willReturn(json("{\"Tags\": {\"team\": \"orders\"}}")));
        aws.stubFor(post(urlPathMatching("/")).withHeader("X-Amz-Target", containing("Logs_20140328.DescribeLogGroups"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"logGroups\": [{\"logGroupName\": \"/aws/lambda/orders-api\", \"retentionInDays\": 14}]}")));
        aws.stubFor(put(urlPathMatching(FUNCTION_PATH + "/configuration")).willReturn(json(configuration())));
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH + "/configuration")).willReturn(json(configuration())));
        clients = new AwsClients(new AwsClientSettings("us-east-1", null, URI.create(aws.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMANAGEMENT", "secret")), Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.stop();
    }

    private static String configuration() {
        return """
                {"FunctionName": "orders-api", "FunctionArn": "%s", "MemorySize": 512, "Timeout": 30,
                 "RevisionId": "rev-2", "LastUpdateStatus": "Successful"}
                """.formatted(ARN);
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String resource(String name) {
        try (InputStream in = MemberRoleAdaptersTest.class.getResourceAsStream("/aws/sts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String form(LoggedRequest request) {
        return URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
    }

    @Test
    void assumesTheRoleOfTheArnsAccountWithTheExternalIdAndSignsLambdaWithItsCredentials() {
        MemberAccountAppliers.Adapters member = new MemberRoleAdapters(clients, "ext-7f3a", "aws", "fleetopt-member")
                .open(MEMBER, "eu-west-1");

        FunctionSettings live = member.functions().read(ARN);
        member.functions().update(ARN, RecommendationKind.MEMORY, "512", "rev-1");

        assertEquals(1024, live.memoryMb());
        aws.verify(putRequestedFor(urlPathMatching(FUNCTION_PATH + "/configuration"))
                .withRequestBody(equalToJson("{\"MemorySize\": 512, \"RevisionId\": \"rev-1\"}")));
        List<LoggedRequest> assumed = aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")));
        assertEquals(1, assumed.size(), "one session for the (account, region)");
        String body = form(assumed.get(0));
        assertTrue(body.contains("RoleArn=arn:aws:iam::" + MEMBER + ":role/fleetopt-member"), body);
        assertTrue(body.contains("ExternalId=ext-7f3a"), body);
        assertTrue(assumed.get(0).getHeader("Authorization").contains("Credential=AKIDMANAGEMENT/")
                && assumed.get(0).getHeader("Authorization").contains("/eu-west-1/sts/"),
                "STS is asked with the stage's own credentials, in the ARN's region: " + assumed.get(0).getHeader("Authorization"));
        List<LoggedRequest> writes = aws.findAll(putRequestedFor(urlPathMatching(FUNCTION_PATH + "/configuration")));
        assertEquals(1, writes.size());
        String authorization = writes.get(0).getHeader("Authorization");
        assertTrue(authorization.contains("Credential=ASIAMEMBERROLE0EXAMPLE/") && authorization.contains("/eu-west-1/lambda/"),
                "the write is signed with the member role's credentials in the ARN's region: " + authorization);
        assertEquals("IQoJb3JpZ2luX2VjEXAMPLETOKEN", writes.get(0).getHeader("X-Amz-Security-Token"));
        assertTrue(aws.findAll(getRequestedFor(urlPathMatching(FUNCTION_PATH))).stream()
                .allMatch(r -> r.getHeader("Authorization").contains("Credential=ASIAMEMBERROLE0EXAMPLE/")),
                "the live read is the member account's too");
    }

    @Test
    void aMemberRoleThatCannotBeAssumedIsNamedAndNothingIsSentToLambda() {
        MemberRoleAdapters adapters = new MemberRoleAdapters(clients, "ext-7f3a", "aws", "fleetopt-member");

        MemberRoleDeniedException e = assertThrows(MemberRoleDeniedException.class, () -> adapters.open("444455556666", "eu-west-1"));

        assertTrue(e.getMessage().contains("arn:aws:iam::444455556666:role/fleetopt-member") && e.getMessage().contains("AccessDenied"),
                e.getMessage());
        aws.verify(0, getRequestedFor(anyUrl()));
        aws.verify(0, putRequestedFor(anyUrl()));
    }
}
