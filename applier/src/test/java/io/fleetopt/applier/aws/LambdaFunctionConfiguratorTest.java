package io.fleetopt.applier.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.RevisionConflictException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configurator against WireMock answering as Lambda (REST-JSON) and CloudWatch Logs (JSON 1.1). */
class LambdaFunctionConfiguratorTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders-api";
    private static final String FUNCTION_PATH = "/2015-03-31/functions/arn(%3A|:)aws(%3A|:)lambda.*orders-api";
    private static final String TAGS_PATH = "/2017-03-31/tags/arn(%3A|:)aws(%3A|:)lambda.*orders-api";

    private WireMockServer aws;
    private LambdaFunctionConfigurator configurator;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
        URI endpoint = URI.create("http://127.0.0.1:" + aws.port());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
        LambdaClient lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        configurator = new LambdaFunctionConfigurator(lambda, logs,
                new LambdaFunctionConfigurator.UpdateWait(5, Duration.ofMillis(1), Duration.ofMillis(5)));
        aws.stubFor(get(urlPathMatching(TAGS_PATH)).willReturn(json("{\"Tags\": {\"team\": \"orders\"}}")));
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    /** GetFunction's answer: configuration, tags and (when set) reserved concurrency. */
    private static String getFunction(int memoryMb, int timeoutSeconds, String revisionId, Integer reserved) {
        return """
                {"Configuration": {"FunctionName": "orders-api", "FunctionArn": "%s", "MemorySize": %d, "Timeout": %d,
                  "RevisionId": "%s", "TracingConfig": {"Mode": "PassThrough"}, "LastUpdateStatus": "Successful"},
                 "Tags": {"left": "out"}%s}
                """.formatted(ARN, memoryMb, timeoutSeconds, revisionId,
                reserved == null ? "" : ", \"Concurrency\": {\"ReservedConcurrentExecutions\": " + reserved + "}");
    }

    private static String configuration(String lastUpdateStatus) {
        return """
                {"FunctionName": "orders-api", "FunctionArn": "%s", "MemorySize": 512, "Timeout": 30,
                 "RevisionId": "rev-2", "LastUpdateStatus": "%s", "LastUpdateStatusReason": "%s"}
                """.formatted(ARN, lastUpdateStatus, lastUpdateStatus.equals("Failed") ? "InvalidSubnet" : "");
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

    private void logGroupWithRetention(Integer days) {
        aws.stubFor(logs("DescribeLogGroups").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"logGroups\": [{\"logGroupName\": \"/aws/lambda/orders-api-old\", \"retentionInDays\": 1},"
                        + " {\"logGroupName\": \"/aws/lambda/orders-api\"" + (days == null ? "" : ", \"retentionInDays\": " + days) + "}]}")));
    }

    @Test
    void readsConfigurationConcurrencyRetentionAndTheTagsListTagsReturns() {
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH)).willReturn(json(getFunction(3008, 300, "rev-1", 25))));
        logGroupWithRetention(14);
        FunctionSettings live = configurator.read(ARN);
        assertEquals(new FunctionSettings(ARN, "rev-1", 3008, 300, 25, "PassThrough", 14, java.util.Map.of("team", "orders")), live);
        aws.verify(1, getRequestedFor(urlPathMatching(FUNCTION_PATH)));
        aws.verify(1, getRequestedFor(urlPathMatching(TAGS_PATH)));
        aws.verify(postRequestedFor(urlPathMatching("/")).withRequestBody(equalToJson("{\"logGroupNamePrefix\": \"/aws/lambda/orders-api\"}")));
    }

    @Test
    void changesMemoryWithTheRevisionIdAndWaitsUntilTheUpdateSettles() {
        aws.stubFor(put(urlPathMatching(FUNCTION_PATH + "/configuration")).willReturn(json(configuration("InProgress"))));
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH + "/configuration")).inScenario("update").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(configuration("InProgress"))).willSetStateTo("settled"));
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH + "/configuration")).inScenario("update").whenScenarioStateIs("settled")
                .willReturn(json(configuration("Successful"))));
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH)).willReturn(json(getFunction(512, 300, "rev-2", null))));
        logGroupWithRetention(null);
        FunctionSettings after = configurator.update(ARN, RecommendationKind.MEMORY, "512", "rev-1");
        assertEquals(512, after.memoryMb());
        assertNull(after.reservedConcurrency());
        aws.verify(putRequestedFor(urlPathMatching(FUNCTION_PATH + "/configuration"))
                .withRequestBody(equalToJson("{\"MemorySize\": 512, \"RevisionId\": \"rev-1\"}")));
        aws.verify(2, getRequestedFor(urlPathMatching(FUNCTION_PATH + "/configuration")));
    }

    @Test
    void aStaleRevisionIsAConflictAndNothingElseIsSent() {
        aws.stubFor(put(urlPathMatching(FUNCTION_PATH + "/configuration"))
                .willReturn(lambdaError(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id.")));
        RevisionConflictException e = assertThrows(RevisionConflictException.class,
                () -> configurator.update(ARN, RecommendationKind.TIMEOUT, "30", "rev-old"));
        assertTrue(e.getMessage().contains("rev-old"), e.getMessage());
        aws.verify(0, getRequestedFor(urlPathMatching(FUNCTION_PATH + "/configuration")));
    }

    @Test
    void aFailedUpdateIsAnErrorWithLambdasReason() {
        aws.stubFor(put(urlPathMatching(FUNCTION_PATH + "/configuration")).willReturn(json(configuration("InProgress"))));
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH + "/configuration")).willReturn(json(configuration("Failed"))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> configurator.update(ARN, RecommendationKind.MEMORY, "512", "rev-1"));
        assertEquals("the update of " + ARN + " failed: InvalidSubnet", e.getMessage());
    }

    @Test
    void retriesWhenThrottledThenSucceeds() {
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(lambdaError(429, "TooManyRequestsException", "Rate exceeded")).willSetStateTo("calm"));
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH)).inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(json(getFunction(1024, 60, "rev-1", null))));
        logGroupWithRetention(30);
        assertEquals(1024, configurator.read(ARN).memoryMb());
        aws.verify(2, getRequestedFor(urlPathMatching(FUNCTION_PATH)));
    }

    @Test
    void aMissingFunctionIsSaidSo() {
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH)).willReturn(lambdaError(404, "ResourceNotFoundException", "Function not found")));
        assertThrows(FunctionNotFoundException.class, () -> configurator.read(ARN));
    }

    @Test
    void removesTheReservedConcurrencyWhenTheProposalIsNone() {
        aws.stubFor(delete(urlPathMatching("/2017-10-31/functions/.*orders-api/concurrency")).willReturn(aResponse().withStatus(204)));
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH)).willReturn(json(getFunction(1024, 60, "rev-1", null))));
        logGroupWithRetention(30);
        assertNull(configurator.update(ARN, RecommendationKind.RESERVED_CONCURRENCY, "none", "rev-1").reservedConcurrency());
        aws.verify(deleteRequestedFor(urlPathMatching("/2017-10-31/functions/.*orders-api/concurrency")));
    }

    @Test
    void setsLogRetentionOnTheFunctionsLogGroup() {
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH + "/configuration")).willReturn(json(configuration("Successful"))));
        aws.stubFor(logs("PutRetentionPolicy").willReturn(json("{}")));
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH)).willReturn(json(getFunction(1024, 60, "rev-1", null))));
        logGroupWithRetention(30);
        assertEquals(30, configurator.update(ARN, RecommendationKind.LOG_RETENTION, "30", "rev-1").logRetentionDays());
        aws.verify(postRequestedFor(urlPathMatching("/")).withHeader("X-Amz-Target", containing("PutRetentionPolicy"))
                .withRequestBody(equalToJson("{\"logGroupName\": \"/aws/lambda/orders-api\", \"retentionInDays\": 30}")));
    }

    @Test
    void aRetentionCloudWatchLogsRejectsIsAPermanentFailure() {
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH + "/configuration")).willReturn(json(configuration("Successful"))));
        aws.stubFor(logs("PutRetentionPolicy").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\": \"InvalidParameterException\", \"message\": \"1 validation error detected\"}")));
        ChangeFailedException e = assertThrows(ChangeFailedException.class,
                () -> configurator.update(ARN, RecommendationKind.LOG_RETENTION, "45", "rev-1"));
        assertEquals("InvalidParameterException", e.errorCode());
        assertFalse(e.isTransient());
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsATransientFailure() {
        aws.stubFor(put(urlPathMatching(FUNCTION_PATH + "/configuration"))
                .willReturn(lambdaError(429, "TooManyRequestsException", "Rate exceeded")));
        ChangeFailedException e = assertThrows(ChangeFailedException.class,
                () -> configurator.update(ARN, RecommendationKind.MEMORY, "512", "rev-1"));
        assertEquals("TooManyRequestsException: Rate exceeded", e.getMessage());
        assertTrue(e.isTransient());
    }

    @Test
    void anUpdateAlreadyInProgressIsATransientFailure() {
        aws.stubFor(put(urlPathMatching(FUNCTION_PATH + "/configuration"))
                .willReturn(lambdaError(409, "ResourceConflictException", "The operation cannot be performed at this time. An update is in progress")));
        ChangeFailedException e = assertThrows(ChangeFailedException.class,
                () -> configurator.update(ARN, RecommendationKind.TIMEOUT, "30", "rev-1"));
        assertEquals("ResourceConflictException", e.errorCode());
        assertTrue(e.isTransient());
    }

    @Test
    void aValueLambdaRejectsIsAPermanentFailure() {
        aws.stubFor(put(urlPathMatching(FUNCTION_PATH + "/configuration"))
                .willReturn(lambdaError(400, "InvalidParameterValueException", "MemorySize value failed to satisfy constraint")));
        ChangeFailedException e = assertThrows(ChangeFailedException.class,
                () -> configurator.update(ARN, RecommendationKind.MEMORY, "64", "rev-1"));
        assertEquals("InvalidParameterValueException", e.errorCode());
        assertFalse(e.isTransient());
    }

    @Test
    void readsTheAccountsLiveUnreservedConcurrency() {
        aws.stubFor(get(urlPathMatching("/2016-08-19/account-settings/?")).willReturn(json(
                "{\"AccountLimit\": {\"ConcurrentExecutions\": 1000, \"UnreservedConcurrentExecutions\": 870}, \"AccountUsage\": {}}")));
        assertEquals(new AccountConcurrency(1000, 870), configurator.accountConcurrency(ARN));
    }

    @Test
    void aMalformedAnswerIsAnErrorNotAGuess() {
        aws.stubFor(get(urlPathMatching(FUNCTION_PATH)).willReturn(json("{\"Configuration\": {\"MemorySize\": \"lots\"")));
        ChangeFailedException e = assertThrows(ChangeFailedException.class, () -> configurator.read(ARN));
        assertInstanceOf(SdkClientException.class, e.getCause());
    }

    @Test
    void declaresEveryActionItCallsForInfraToGrant() {
        assertEquals(List.of("lambda:DeleteFunctionConcurrency", "lambda:GetAccountSettings", "lambda:GetFunction",
                "lambda:GetFunctionConfiguration", "lambda:ListTags", "lambda:PutFunctionConcurrency",
                "lambda:UpdateFunctionConfiguration", "logs:DeleteRetentionPolicy", "logs:DescribeLogGroups",
                "logs:PutRetentionPolicy"), LambdaFunctionConfigurator.IAM_ACTIONS);
    }
}
