package io.fleetopt.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The clients {@link AwsClients} builds share one HTTP client, against WireMock speaking S3's REST-XML protocol. */
class AwsClientsTest {

    private WireMockServer s3;
    private AwsClients clients;

    @BeforeEach
    void start() {
        s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s3.start();
        s3.stubFor(head(urlPathEqualTo("/fleetopt-artifacts")).willReturn(aResponse().withStatus(200)));
        clients = new AwsClients(new AwsClientSettings("eu-west-1", null, URI.create(s3.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() {
        clients.close();
        s3.stop();
    }

    @Test
    void buildsOneHttpClientForEveryClientAndANewOneOnlyAfterClosing() {
        clients.s3();
        SdkHttpClient first = clients.httpClient();
        clients.s3();
        assertSame(first, clients.httpClient());
        assertEquals(2, clients.builtServices().size());

        clients.close();
        clients.s3();
        assertNotSame(first, clients.httpClient());
    }

    @Test
    void aClientClosedOnItsOwnLeavesTheSharedHttpClientToTheOthers() {
        S3Client closed = clients.s3();
        S3Client open = clients.s3();
        closed.close();

        open.headBucket(b -> b.bucket("fleetopt-artifacts"));

        s3.verify(1, headRequestedFor(urlPathEqualTo("/fleetopt-artifacts")));
    }
}
