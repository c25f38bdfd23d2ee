package io.fleetopt.notifier.aws;

import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.S3ArtifactStore;
import io.fleetopt.notifier.report.ReportLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary's report link: a presigned S3 GET, opened against moto's S3 with a plain HTTP client (no AWS access). */
class S3PresignedReportLinksTest {

    private static final String BUCKET = "fleetopt-artifacts";
    private static final String KEY = "runs/2026-11-09-ab12/report.html";
    private static final String PAGE = "<!doctype html><title>report</title><p>realized $12.00/month";
    private static MotoServer moto;

    @BeforeAll
    static void motoWithTheReportStored() throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve("moto-s3.log");
        moto = MotoServer.start(log);
        try (AwsClients clients = clients(basic())) {
            S3Client s3 = clients.s3();
            s3.createBucket(b -> b.bucket(BUCKET));
            new S3ArtifactStore(s3, BUCKET, "team-a").put(KEY, PAGE);
        }
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    private static AwsCredentialsProvider basic() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTESTTEST", "test-secret"));
    }

    private static AwsClients clients(AwsCredentialsProvider credentials) {
        return new AwsClients(new AwsClientSettings("eu-west-1", null, moto.endpoint(), credentials, AwsClientSettings.DEFAULT_API_CALL_TIMEOUT));
    }

    private static ReportLink link(AwsCredentialsProvider credentials, Duration validity) {
        try (AwsClients clients = clients(credentials)) {
            NotifierClients notifier = new NotifierClients(clients);
            try (S3PresignedReportLinks links = new S3PresignedReportLinks(notifier.s3Presigner(), notifier.credentials(),
                    new S3ArtifactStore(clients.s3(), BUCKET, "team-a"), validity)) {
                return links.link(KEY);
            }
        }
    }

    @Test
    void aReaderWithoutAwsAccessOpensThePageByTheLinkAsAWebPage() throws Exception {
        ReportLink link = link(basic(), Duration.ofDays(7));

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.url())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode(), page.body());
        assertEquals(PAGE, page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().map().toString());
        assertTrue(link.url().contains("/fleetopt-artifacts/team-a/runs/2026-11-09-ab12/report.html?"), link.url());
        assertTrue(link.url().contains("X-Amz-Expires=604800"), link.url());
        assertEquals("s3://fleetopt-artifacts/team-a/" + KEY, link.storedAt());
    }

    @Test
    void saysUntilWhenTheLinkWorksAndThatTemporaryCredentialsMayEndItSooner() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ReportLink longTerm = link(basic(), Duration.ofHours(48));
        assertFalse(longTerm.expiryIsCredentialBound());
        assertTrue(!longTerm.expiresAt().isBefore(before.plus(Duration.ofHours(48))), longTerm.expiresAt().toString());
        assertFalse(longTerm.text().contains("temporary"), longTerm.text());

        ReportLink temporary = link(StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIATEST", "secret", "token")),
                Duration.ofDays(7));
        assertTrue(temporary.expiryIsCredentialBound());
        assertTrue(temporary.text().contains(" at the latest: it is signed with fleetopt's temporary role credentials and stops "
                + "working when they expire, which can be sooner. The report stays at s3://fleetopt-artifacts/team-a/" + KEY + "."),
                temporary.text());

        Instant credentialsEnd = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        ReportLink known = link(StaticCredentialsProvider.create(AwsSessionCredentials.builder().accessKeyId("ASIATEST")
                .secretAccessKey("secret").sessionToken("token").expirationTime(credentialsEnd).build()), Duration.ofDays(7));
        assertEquals(credentialsEnd, known.expiresAt(), "the credentials' own end comes first");
        assertFalse(known.expiryIsCredentialBound());
    }

    @Test
    void refusesALinkLongerThanS3Allows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> link(basic(), Duration.ofHours(169)));
        assertEquals("fleetopt.notifier.report-link-hours must be from 1 to 168 (S3 presigned links last at most 7 days), got 169", e.getMessage());
    }
}
