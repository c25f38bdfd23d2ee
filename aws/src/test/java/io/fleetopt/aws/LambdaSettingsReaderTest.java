package io.fleetopt.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fleetopt.core.port.AliasRoute;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.RoutedVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read-only settings reader against WireMock answering as Lambda (REST-JSON) and CloudWatch Logs (JSON 1.1). */
class LambdaSettingsReaderTest {

    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders-api";
    private static final String FUNCTION = "/(2015-03-31|2019-09-30)/functions/arn(%3A|:)aws(%3A|:)lambda(%3A|:)eu-west-1.*orders-api";
    private static final String TAGS = "/2017-03-31/tags/arn(%3A|:)aws(%3A|:)lambda.*orders-api";

    private WireMockServer aws;
    private AwsClients clients;
    private LambdaSettingsReader reader;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
        clients = new AwsClients(new AwsClientSettings("us-east-1", null, URI.create("http://127.0.0.1:" + aws.port()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), Duration.ofSeconds(20)));
        reader = LambdaSettingsReader.of(clients);
        aws.stubFor(get(urlPathMatching(TAGS)).willReturn(json("{\"Tags\": {\"team\": \"orders\", \"fleetopt:skip\": \"true\"}}")));
        aws.stubFor(get(urlPathMatching(FUNCTION + "/concurrency")).willReturn(json("{\"ReservedConcurrentExecutions\": 25}")));
        aws.stubFor(logs("DescribeLogGroups").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"logGroups\": [{\"logGroupName\": \"/aws/lambda/orders-api-old\", \"retentionInDays\": 1},"
                        + " {\"logGroupName\": \"/aws/lambda/orders-api\", \"retentionInDays\": 14}]}")));
    }

    @AfterEach
    void stop() {
        reader.close();
        clients.close();
        aws.stop();
    }

    private static String configuration(String qualifier, int memoryMb, int timeoutSeconds, String tracing, String lastModified) {
        return """
                {"FunctionName": "orders-api", "FunctionArn": "%s%s", "MemorySize": %d, "Timeout": %d, "Version": "%s",
                 "RevisionId": "rev-%s", "TracingConfig": {"Mode": "%s"}, "LastModified": "%s", "LastUpdateStatus": "Successful"}
                """.formatted(ARN, qualifier.equals("$LATEST") ? "" : ":" + qualifier, memoryMb, timeoutSeconds, qualifier, qualifier,
                tracing, lastModified);
    }

    private static MappingBuilder configurationOf(String qualifier) {
        MappingBuilder get = get(urlPathMatching(FUNCTION + "/configuration"));
        return qualifier == null ? get.withQueryParam("Qualifier", absent()) : get.withQueryParam("Qualifier", equalTo(qualifier));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder lambdaError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", type)
                .withBody("{\"Type\": \"User\", \"Message\": \"" + message + "\"}");
    }

    private static MappingBuilder logs(String operation) {
        return post(urlPathMatching("/")).withHeader("X-Amz-Target", containing("Logs_20140328." + operation));
    }

    @Test
    void readsConfigurationReservedConcurrencyTagsAndRetentionInTheFunctionsRegion() {
        aws.stubFor(configurationOf(null).willReturn(json(configuration("$LATEST", 512, 30, "Active", "2026-11-02T06:00:00.000+0000"))));

        FunctionSettings live = reader.read(ARN);

        assertEquals(new FunctionSettings(ARN, "rev-$LATEST", 512, 30, 25, "Active", 14,
                Map.of("team", "orders", "fleetopt:skip", "true")), live);
        assertTrue(live.taggedSkip(), "the live skip tag is seen");
        aws.verify(postRequestedFor(urlPathMatching("/")).withRequestBody(equalToJson("{\"logGroupNamePrefix\": \"/aws/lambda/orders-api\"}")));
        assertTrue(aws.getAllServeEvents().stream().allMatch(e -> e.getRequest().getHeader("Authorization").contains("/eu-west-1/")),
                "every call is signed for the function's region");
        assertTrue(aws.getAllServeEvents().stream().noneMatch(e -> List.of("PUT", "DELETE").contains(e.getRequest().getMethod().getName())),
                "nothing is written");
    }

    @Test
    void aFunctionWithoutReservedConcurrencyOrRetentionReadsAsNone() {
        aws.stubFor(configurationOf(null).willReturn(json(configuration("$LATEST", 512, 30, "PassThrough", "2026-11-02T06:00:00.000+0000"))));
        aws.stubFor(get(urlPathMatching(FUNCTION + "/concurrency")).willReturn(json("{}")));
        aws.stubFor(logs("DescribeLogGroups").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"logGroups\": [{\"logGroupName\": \"/aws/lambda/orders-api\"}]}")));

        FunctionSettings live = reader.read(ARN);

        assertEquals(null, live.reservedConcurrency());
        assertEquals(null, live.logRetentionDays());
    }

    @Test
    void followsTheAliasPagesAndReadsEachRoutedVersionOnce() {
        aws.stubFor(get(urlPathMatching(FUNCTION + "/aliases")).withQueryParam("Marker", absent()).willReturn(json("""
                {"Aliases": [{"Name": "live", "FunctionVersion": "3", "AliasArn": "%s:live",
                              "RoutingConfig": {"AdditionalVersionWeights": {"4": 0.1}}}],
                 "NextMarker": "page-2"}""".formatted(ARN))));
        aws.stubFor(get(urlPathMatching(FUNCTION + "/aliases")).withQueryParam("Marker", equalTo("page-2")).willReturn(json("""
                {"Aliases": [{"Name": "canary", "FunctionVersion": "4", "AliasArn": "%s:canary"},
                             {"Name": "dev", "FunctionVersion": "$LATEST", "AliasArn": "%s:dev"}]}""".formatted(ARN, ARN))));
        aws.stubFor(configurationOf("3").willReturn(json(configuration("3", 1024, 30, "PassThrough", "2026-10-20T08:15:00.000+0000"))));
        aws.stubFor(configurationOf("4").willReturn(json(configuration("4", 512, 30, "PassThrough", "2026-11-03T10:00:00.000+0000"))));
        aws.stubFor(configurationOf("$LATEST").willReturn(json(configuration("$LATEST", 512, 30, "PassThrough", "2026-11-03T09:00:00.000+0000"))));

        List<AliasRoute> aliases = reader.aliases(ARN);

        assertEquals(List.of(
                new AliasRoute("live", List.of(
                        new RoutedVersion("3", 0.9, Instant.parse("2026-10-20T08:15:00Z"), 1024, 30, "PassThrough"),
                        new RoutedVersion("4", 0.1, Instant.parse("2026-11-03T10:00:00Z"), 512, 30, "PassThrough"))),
                new AliasRoute("canary", List.of(new RoutedVersion("4", 1, Instant.parse("2026-11-03T10:00:00Z"), 512, 30, "PassThrough"))),
                new AliasRoute("dev", List.of(new RoutedVersion("$LATEST", 1, null, 512, 30, "PassThrough")))), aliases);
        aws.verify(1, getRequestedFor(urlPathMatching(FUNCTION + "/configuration")).withQueryParam("Qualifier", equalTo("4")));
        aws.verify(2, getRequestedFor(urlPathMatching(FUNCTION + "/aliases")));
    }

    @Test
    void aFunctionWithoutAliasesHasNoRoutes() {
        aws.stubFor(get(urlPathMatching(FUNCTION + "/aliases")).willReturn(json("{\"Aliases\": []}")));
        assertEquals(List.of(), reader.aliases(ARN));
    }

    @Test
    void aFunctionThatIsGoneIsNotFoundNotAFailure() {
        aws.stubFor(configurationOf(null).willReturn(lambdaError(404, "ResourceNotFoundException", "Function not found: " + ARN)));
        aws.stubFor(get(urlPathMatching(FUNCTION + "/aliases")).willReturn(lambdaError(404, "ResourceNotFoundException", "Function not found")));
        assertThrows(FunctionNotFoundException.class, () -> reader.read(ARN));
        assertThrows(FunctionNotFoundException.class, () -> reader.aliases(ARN));
    }

    @Test
    void throttlingIsRetriedAndThenATransientFailureAccessDeniedAPermanentOne() {
        aws.stubFor(configurationOf(null).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(lambdaError(429, "TooManyRequestsException", "Rate exceeded")).willSetStateTo("calm"));
        aws.stubFor(configurationOf(null).inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(json(configuration("$LATEST", 512, 30, "PassThrough", "2026-11-02T06:00:00.000+0000"))));
        assertEquals(512, reader.read(ARN).memoryMb(), "a throttled call is retried");

        aws.resetAll();
        aws.stubFor(configurationOf(null).willReturn(lambdaError(429, "TooManyRequestsException", "Rate exceeded")));
        ChangeFailedException throttled = assertThrows(ChangeFailedException.class, () -> reader.read(ARN));
        assertTrue(throttled.isTransient());
        assertEquals("TooManyRequestsException", throttled.errorCode());

        aws.stubFor(configurationOf(null).willReturn(lambdaError(403, "AccessDeniedException", "not authorized to perform lambda:GetFunctionConfiguration")));
        ChangeFailedException denied = assertThrows(ChangeFailedException.class, () -> reader.read(ARN));
        assertFalse(denied.isTransient());
        assertEquals("AccessDeniedException", denied.errorCode());
    }

    @Test
    void refusesSomethingThatIsNotAFunctionArnBeforeAnyCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.read("orders-api"));
        assertTrue(e.getMessage().contains("'orders-api' is not a Lambda function ARN"), e.getMessage());
        aws.verify(0, anyRequestedFor(anyUrl()));
    }
}
