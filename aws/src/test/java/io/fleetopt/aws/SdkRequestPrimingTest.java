package io.fleetopt.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fleetopt.aws.telemetry.SnapStartPriming;
import io.fleetopt.core.json.DocumentCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK request priming against the clients' configured endpoint (WireMock standing in for AWS, answering every
 * request): each operation's request goes through the client's real pipeline to the loopback responder, and not one
 * reaches the endpoint, the run's API call counter or, when something redirects it elsewhere, the network at all.
 */
class SdkRequestPrimingTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
    private WireMockServer aws;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
        aws.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    @Test
    void sendsEachOperationOfEveryServiceOnTheClassPathToTheLoopbackAndNoneToTheEndpoint() {
        try (AwsClients clients = new AwsClients(new AwsClientSettings("eu-west-1", null, URI.create(aws.baseUrl()),
                CREDENTIALS, Duration.ofSeconds(10)))) {
            clients.s3();
            clients.build(DynamoDbClient.builder());
            // Lambda's and CloudWatch Logs' clients are on this class path but not built: priming builds its own
            int operations = operations("s3") + operations("dynamodb") + operations("lambda") + operations("logs");

            SdkRequestPriming.Result result = SdkRequestPriming.prime(clients);

            assertEquals(operations, result.answered(), "every operation's request reached the loopback: " + result.failed());
            assertEquals(List.of(), result.failed(), "each answer read as its operation's response");
            assertEquals(List.of(), result.leftOut(), "the test's class path has every class of these services' operations");
            assertEquals(0, aws.getAllServeEvents().size(), "the configured endpoint got no request");
            assertEquals(0, clients.counter().total(), "priming is not the run's API calls: " + clients.counter().byOperation());
            assertEquals(List.of("s3", "dynamodb"), clients.builtServices(), "the clients priming built are its own, closed");
        }
    }

    @Test
    void snapStartsPrimingHookPrimesTheContextsClients() {
        try (AwsClients clients = new AwsClients(new AwsClientSettings("eu-west-1", null, URI.create(aws.baseUrl()),
                CREDENTIALS, Duration.ofSeconds(10)));
             DocumentCodec codec = new DocumentCodec()) {
            clients.s3();
            SnapStartPriming hook = new SnapStartPriming(codec, null, clients);

            hook.beforeCheckpoint(null);

            assertEquals(operations("s3") + operations("dynamodb") + operations("lambda") + operations("logs"),
                    hook.sdkPriming().answered(), hook.sdkPriming().toString());
            assertEquals(0, aws.getAllServeEvents().size());
        }
    }

    private static int operations(String service) {
        return SdkRequestPriming.SERVICES.stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().operations().size();
    }

    @Test
    void theClientsStillCallTheirEndpointAfterPriming() {
        try (AwsClients clients = new AwsClients(new AwsClientSettings("eu-west-1", null, URI.create(aws.baseUrl()),
                CREDENTIALS, Duration.ofSeconds(10)))) {
            DynamoDbClient dynamo = clients.build(DynamoDbClient.builder());
            SdkRequestPriming.prime(clients);

            dynamo.getItem(r -> r.tableName("ledger").key(java.util.Map.of()));

            assertEquals(1, aws.getAllServeEvents().size(), "the real call went to the endpoint");
            assertEquals(1, clients.counter().count("GetItem"));
        }
    }

    @Test
    void aPrimingRequestRedirectedAwayFromTheLoopbackIsNotSent() {
        // an interceptor after PrimingLoopback's that sends the request back to the endpoint: the check before
        // transmission refuses it
        ExecutionInterceptor backToTheEndpoint = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.httpRequest().toBuilder().host("127.0.0.1").port(aws.port()).build();
            }
        };
        try (UrlConnectionHttpClient http = (UrlConnectionHttpClient) UrlConnectionHttpClient.create();
             S3Client s3 = S3Client.builder().httpClient(http).region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS)
                     .endpointOverride(URI.create(aws.baseUrl())).forcePathStyle(true)
                     .overrideConfiguration(o -> o.addExecutionInterceptor(new PrimingLoopback()).addExecutionInterceptor(backToTheEndpoint))
                     .build()) {
            SdkRequestPriming.Result result = SdkRequestPriming.prime(List.<SdkClient>of(s3));

            assertEquals(0, result.answered());
            assertEquals(operations("s3"), result.failed().size(), result.failed().toString());
            assertTrue(result.failed().stream().allMatch(f -> f.contains("instead of the loopback responder: not sent")),
                    result.failed().toString());
            assertEquals(0, aws.getAllServeEvents().size(), "nothing reached the endpoint");
        }
    }
}
