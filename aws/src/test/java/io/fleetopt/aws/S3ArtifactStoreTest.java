package io.fleetopt.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The S3 artifact store and the shared client set-up, against WireMock speaking S3's REST-XML protocol. */
class S3ArtifactStoreTest {

    private WireMockServer s3;
    private AwsClients clients;
    private S3ArtifactStore store;

    @BeforeEach
    void start() {
        s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s3.start();
        clients = new AwsClients(new AwsClientSettings("eu-west-1", null, URI.create(s3.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), Duration.ofSeconds(20)));
        store = new S3ArtifactStore(clients.s3(), "fleetopt-artifacts", "weekly");
    }

    @AfterEach
    void stop() {
        clients.close();
        s3.stop();
    }

    @Test
    void writesReadsAndLocatesDocumentsAsObjectsBelowThePrefixRetryingWhenS3SlowsDown() {
        String path = "/fleetopt-artifacts/weekly/runs/r1/snapshot.json";
        s3.stubFor(put(urlPathEqualTo(path)).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"))
                .willSetStateTo("recovered"));
        s3.stubFor(put(urlPathEqualTo(path)).inScenario("slow").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"abc\"")));
        s3.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"runId\":\"r1\"}")));
        s3.stubFor(get(urlPathEqualTo("/fleetopt-artifacts/weekly/runs/r2/plan.json")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>")));

        store.put("runs/r1/snapshot.json", "{\"runId\":\"r1\"}");

        assertEquals(Optional.of("{\"runId\":\"r1\"}"), store.get("runs/r1/snapshot.json"));
        assertEquals(Optional.empty(), store.get("runs/r2/plan.json"));
        assertEquals("s3://fleetopt-artifacts/weekly/runs/r1/snapshot.json", store.locate("runs/r1/snapshot.json"));
        s3.verify(2, putRequestedFor(urlPathEqualTo(path)).withRequestBody(containing("\"runId\":\"r1\"")));
        s3.verify(1, getRequestedFor(urlPathEqualTo(path)));
        assertEquals(2, clients.counter().count("PutObject"));
        assertEquals(2, clients.counter().count("GetObject"));
    }
}
