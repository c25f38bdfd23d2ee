package io.fleetopt.applier.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fleetopt.core.port.AliasRouting;
import io.fleetopt.core.port.AliasState;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.RevisionConflictException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The alias router against WireMock answering as Lambda does (REST-JSON), with its conflicts and throttling. */
class LambdaAliasRouterTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders-api";
    private static final String FUNCTION = "/2015-03-31/functions/arn(%3A|:)aws(%3A|:)lambda.*orders-api";
    private static final String ALIAS = FUNCTION + "/aliases/live";
    private static final String VERSIONS = FUNCTION + "/versions";
    private static final String PROVISIONED = "/2019-09-30/functions/arn(%3A|:)aws(%3A|:)lambda.*orders-api/provisioned-concurrency";

    private WireMockServer aws;
    private LambdaAliasRouter router;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
        LambdaClient lambda = LambdaClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + aws.port()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))).build();
        router = new LambdaAliasRouter(lambda, new LambdaFunctionConfigurator.UpdateWait(5, Duration.ofMillis(1), Duration.ofMillis(5)));
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    private static String alias(String version, String weights, String revision) {
        return """
                {"AliasArn": "%s:live", "Name": "live", "FunctionVersion": "%s", "Description": "",
                 %s "RevisionId": "%s"}""".formatted(ARN, version,
                weights == null ? "" : "\"RoutingConfig\": {\"AdditionalVersionWeights\": " + weights + "},", revision);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", type)
                .withBody("{\"Type\": \"User\", \"message\": \"" + message + "\"}");
    }

    @Test
    void readsTheAliasWithItsRoutingWeights() {
        aws.stubFor(get(urlPathMatching(ALIAS)).willReturn(json(200, alias("7", "{\"8\": 0.1}", "a-rev-1"))));
        assertEquals(new AliasState("live", new AliasRouting("7", Map.of("8", 0.1)), "a-rev-1"), router.alias(ARN, "live"));
    }

    @Test
    void publishesWithTheCodeAndRevisionItChecked() {
        aws.stubFor(post(urlPathMatching(VERSIONS)).willReturn(json(201, """
                {"FunctionName": "orders-api", "Version": "8", "CodeSha256": "c2hh", "RevisionId": "rev-9", "MemorySize": 256}""")));
        assertEquals("8", router.publish(ARN, "c2hh", "rev-8", "fleetopt run r, item i"));
        aws.verify(postRequestedFor(urlPathMatching(VERSIONS)).withRequestBody(equalToJson(
                "{\"CodeSha256\": \"c2hh\", \"RevisionId\": \"rev-8\", \"Description\": \"fleetopt run r, item i\"}")));
    }

    @Test
    void aPublicationWhoseCodeOrRevisionMovedOnIsARevisionConflict() {
        aws.stubFor(post(urlPathMatching(VERSIONS)).willReturn(error(412, "PreconditionFailedException",
                "CodeSHA256 (c2hh) is different from current CodeSHA256 in $LATEST (b3RoZXI=). Please try again with the CodeSHA256 in $LATEST.")));
        assertThrows(RevisionConflictException.class, () -> router.publish(ARN, "c2hh", "rev-8", "fleetopt"));
    }

    @Test
    void movesTheAliasWithItsRevisionRetryingThrottling() {
        aws.stubFor(put(urlPathMatching(ALIAS)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(429, "TooManyRequestsException", "Rate exceeded")).willSetStateTo("recovered"));
        aws.stubFor(put(urlPathMatching(ALIAS)).inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(json(200, alias("7", "{\"8\": 0.1}", "a-rev-2"))));
        AliasState moved = router.route(ARN, "live", new AliasRouting("7", Map.of("8", 0.1)), "a-rev-1");
        assertEquals("a-rev-2", moved.revisionId());
        aws.verify(2, putRequestedFor(urlPathMatching(ALIAS)).withRequestBody(equalToJson(
                "{\"FunctionVersion\": \"7\", \"RoutingConfig\": {\"AdditionalVersionWeights\": {\"8\": 0.1}}, \"RevisionId\": \"a-rev-1\"}")));
    }

    @Test
    void aConflictingAliasUpdateIsTransientAndAStaleRevisionAConflict() {
        aws.stubFor(put(urlPathMatching(ALIAS)).willReturn(error(409, "ResourceConflictException",
                "Alias with weights can not be used with Provisioned Concurrency")));
        ChangeFailedException conflict = assertThrows(ChangeFailedException.class,
                () -> router.route(ARN, "live", new AliasRouting("7", Map.of("8", 0.1)), "a-rev-1"));
        assertTrue(conflict.isTransient());
        assertEquals("ResourceConflictException", conflict.errorCode());
        aws.resetAll();
        aws.stubFor(put(urlPathMatching(ALIAS)).willReturn(error(412, "PreconditionFailedException",
                "The Revision Id provided does not match the latest Revision Id. Call the GetAlias API to retrieve the latest Revision Id")));
        assertThrows(RevisionConflictException.class, () -> router.route(ARN, "live", AliasRouting.to("8"), "a-rev-0"));
    }

    @Test
    void aMissingAliasIsAMissingFunction() {
        aws.stubFor(get(urlPathMatching(ALIAS)).willReturn(error(404, "ResourceNotFoundException", "Alias not found: " + ARN + ":live")));
        assertThrows(FunctionNotFoundException.class, () -> router.alias(ARN, "live"));
    }

    @Test
    void provisionsAQualifierAndWaitsUntilItIsReady() {
        aws.stubFor(put(urlPathMatching(PROVISIONED)).withQueryParam("Qualifier", equalTo("8")).willReturn(json(202, """
                {"RequestedProvisionedConcurrentExecutions": 20, "Status": "IN_PROGRESS", "LastModified": "2026-11-02T06:00:00+0000"}""")));
        aws.stubFor(get(urlPathMatching(PROVISIONED)).withQueryParam("Qualifier", equalTo("8")).inScenario("allocating")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, """
                        {"RequestedProvisionedConcurrentExecutions": 20, "AllocatedProvisionedConcurrentExecutions": 4, "Status": "IN_PROGRESS"}"""))
                .willSetStateTo("ready"));
        aws.stubFor(get(urlPathMatching(PROVISIONED)).withQueryParam("Qualifier", equalTo("8")).inScenario("allocating")
                .whenScenarioStateIs("ready").willReturn(json(200, """
                        {"RequestedProvisionedConcurrentExecutions": 20, "AllocatedProvisionedConcurrentExecutions": 20, "Status": "READY"}""")));
        router.provision(ARN, "8", 20);
        aws.verify(putRequestedFor(urlPathMatching(PROVISIONED)).withRequestBody(equalToJson("{\"ProvisionedConcurrentExecutions\": 20}")));
        aws.verify(2, getRequestedFor(urlPathMatching(PROVISIONED)));
        assertEquals(20, router.provisionedConcurrency(ARN, "8"));
    }

    @Test
    void aQualifierWithoutProvisionedConcurrencyHasNoneAndRemovingItIsANoOp() {
        aws.stubFor(get(urlPathMatching(PROVISIONED)).willReturn(error(404, "ProvisionedConcurrencyConfigNotFoundException",
                "No Provisioned Concurrency Config found for this function")));
        aws.stubFor(delete(urlPathMatching(PROVISIONED)).willReturn(error(404, "ProvisionedConcurrencyConfigNotFoundException",
                "No Provisioned Concurrency Config found for this function")));
        assertNull(router.provisionedConcurrency(ARN, "live"));
        router.unprovision(ARN, "8");
        aws.verify(deleteRequestedFor(urlPathMatching(PROVISIONED)).withQueryParam("Qualifier", equalTo("8")));
        assertFalse(aws.findAllUnmatchedRequests().size() > 0);
    }
}
