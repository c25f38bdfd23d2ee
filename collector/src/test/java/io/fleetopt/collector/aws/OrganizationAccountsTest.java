package io.fleetopt.collector.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ListAccountsForParent in Organizations' own protocol (JSON 1.1, X-Amz-Target), paginated, throttled, denied. */
class OrganizationAccountsTest {

    private static final String TARGET = "AWSOrganizationsV20161128.ListAccountsForParent";
    private WireMockServer aws;
    private AwsClients clients;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
        clients = new AwsClients(new AwsClientSettings("us-east-1", null, URI.create(aws.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMANAGEMENT", "secret")), Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.stop();
    }

    @Test
    void listsTheActiveAccountsOfEveryPageAfterAThrottledOne() {
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(equalToJson("{\"ParentId\":\"ou-ab12-cdef3456\"}"))
                .inScenario("throttled").whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(json(400, "{\"__type\":\"TooManyRequestsException\",\"Message\":\"AWS Organizations can't complete your request because another request is already in progress.\"}")));
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(equalToJson("{\"ParentId\":\"ou-ab12-cdef3456\"}"))
                .inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(json(200, resource("ListAccountsForParent-page1.json"))));
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(equalToJson("{\"ParentId\":\"ou-ab12-cdef3456\",\"NextToken\":\"page-2-token\"}"))
                .willReturn(json(200, resource("ListAccountsForParent-page2.json"))));

        List<String> accounts = organizations().activeAccountIds("ou-ab12-cdef3456");

        assertEquals(List.of("210987654321", "333344445555"), accounts, "the suspended account is left out");
        aws.verify(3, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1")));
    }

    @Test
    void accessDeniedIsATypedFailureNamingTheParentAndThePermission() {
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(json(400, resource("ListAccountsForParent-AccessDenied.json"))));

        MemberAccountsUnavailableException e = assertThrows(MemberAccountsUnavailableException.class,
                () -> organizations().activeAccountIds("ou-ab12-cdef3456"));

        assertTrue(e.getMessage().contains("ou-ab12-cdef3456") && e.getMessage().contains("AccessDeniedException")
                && e.getMessage().contains("organizations:ListAccountsForParent"), e.getMessage());
        aws.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    private OrganizationAccounts organizations() {
        return new OrganizationAccounts(clients.build(OrganizationsClient.builder()));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    static String resource(String name) {
        String path = name.startsWith("AssumeRole") ? "/aws/sts/" + name : "/aws/organizations/" + name;
        try (InputStream in = OrganizationAccountsTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
