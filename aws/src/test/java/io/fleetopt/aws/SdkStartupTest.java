package io.fleetopt.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.TlsTrustManagersProvider;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The SDK's start on its own thread, and the HTTP client of {@link AwsClients} using the trust managers it made. */
class SdkStartupTest {

    private WireMockServer s3;

    @BeforeEach
    void start() {
        // WireMock's HTTPS port presents its own self-signed certificate, which the JDK's trust store does not trust
        s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
        s3.start();
        s3.stubFor(get(urlPathEqualTo("/fleetopt-artifacts/runs/r1/snapshot.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"runId\":\"r1\"}")));
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    @Test
    void makesTheJdksDefaultTrustManagers() throws Exception {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);

        TrustManager[] made = SdkStartup.start().trustManagers();

        assertEquals(1, made.length);
        assertArrayEquals(issuers(jdk.getTrustManagers()), issuers(made), "the same trusted certificates as the JDK's default");
    }

    @Test
    void theClientsHttpsUsesTheTrustManagersOfItsSettings() {
        AtomicInteger asked = new AtomicInteger();
        TlsTrustManagersProvider trustingWireMock = () -> {
            asked.incrementAndGet();
            return new TrustManager[] {new TrustingEveryServer()};
        };

        try (AwsClients clients = clients(trustingWireMock)) {
            Optional<String> snapshot = new S3ArtifactStore(clients.s3(), "fleetopt-artifacts", "").get("runs/r1/snapshot.json");
            assertEquals(Optional.of("{\"runId\":\"r1\"}"), snapshot);
        }
        assertEquals(1, asked.get(), "one HTTP client, its trust managers asked once");

        try (AwsClients clients = clients(SdkStartup.start())) {
            SdkClientException refused = assertThrows(SdkClientException.class,
                    () -> new S3ArtifactStore(clients.s3(), "fleetopt-artifacts", "").get("runs/r1/snapshot.json"));
            assertInstanceOf(CertPathBuilderException.class, rootCause(refused),
                    "the JDK's trust store finds no path to WireMock's certificate");
        }
    }

    private AwsClients clients(TlsTrustManagersProvider trustManagers) {
        return new AwsClients(new AwsClientSettings("eu-west-1", null, URI.create("https://localhost:" + s3.httpsPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), Duration.ofSeconds(10),
                trustManagers));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String[] issuers(TrustManager[] managers) {
        return Arrays.stream(((X509TrustManager) managers[0]).getAcceptedIssuers())
                .map(c -> c.getSubjectX500Principal().getName()).sorted().toArray(String[]::new);
    }

    /**
     * Trusts any server certificate and name: only to reach WireMock's self-signed one in this test (an extended trust
     * manager, which the JDK does not wrap in its own host name check).
     */
    private static final class TrustingEveryServer extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
