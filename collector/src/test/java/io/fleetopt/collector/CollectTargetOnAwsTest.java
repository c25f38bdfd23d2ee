package io.fleetopt.collector;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.MemberRoleDeniedException;
import io.fleetopt.collector.aws.SimulatedAccountServer;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.TargetRunState;
import io.fleetopt.core.port.ArtifactKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One (account, region) collected the way the CollectTarget Lambda does it: the member role assumed through STS
 * (query protocol, XML answers) with the external id, then every read of the simulated account signed with the
 * role's session credentials, the snapshot stored under the run's per-target key.
 */
class CollectTargetOnAwsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/fleetopt-member";
    private WireMockServer aws;
    private AwsClients clients;
    private DirectoryArtifactStore store;
    private final DocumentCodec codec = new DocumentCodec();

    @BeforeEach
    void start(@TempDir Path dir) {
        aws = SimulatedAccountServer.start(SimulatedAccountServer.busyFleet(12));
        aws.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing("fleetopt-member"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody(resource("AssumeRole.xml"))));
        aws.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing("not-deployed"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
                        .withBody(resource("AssumeRole-AccessDenied.xml"))));
        clients = new AwsClients(new AwsClientSettings("us-east-1", null, URI.create(aws.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMANAGEMENT", "secret")), Duration.ofSeconds(20)));
        store = new DirectoryArtifactStore(dir);
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.stop();
    }

    @Test
    void readsTheTargetThroughItsMemberRoleAndStoresItsSnapshotUnderTheRun() {
        CollectTarget target = new CollectTarget("123456789012", "us-east-1", ROLE);

        TargetRunState state = stage("ext-7f3a").run(TargetRunState.start("2026-11-02-org", target),
                settings().request("2026-11-02-org"));

        assertEquals(ArtifactKeys.snapshot("2026-11-02-org", target), state.snapshotKey());
        assertEquals("runs/2026-11-02-org/accounts/123456789012/us-east-1/snapshot.json", state.snapshotKey());
        assertEquals(12, state.functionCount());
        FleetSnapshot snapshot = codec.read(store.get(state.snapshotKey()).orElseThrow(), FleetSnapshot.class, "snapshot");
        assertEquals(List.of("us-east-1"), snapshot.regions());
        assertEquals(12, snapshot.functions().size());
        io.fleetopt.core.port.EvidenceFiles evidence = new io.fleetopt.core.port.EvidenceFiles(store, codec);
        assertTrue(snapshot.functions().stream().allMatch(f -> evidence.find("2026-11-02-org", f.arn())
                        .filter(e -> e.profile().equals(f)).isPresent()),
                "each function's evidence is stored for the apply iteration that changes it");

        List<LoggedRequest> assume = aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")));
        assertEquals(1, assume.size(), "assumed once; the SDK provider refreshes before expiry");
        String body = assume.get(0).getBodyAsString();
        assertTrue(body.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Ffleetopt-member")
                && body.contains("ExternalId=ext-7f3a") && body.contains("RoleSessionName=fleetopt-2026-11-02-org"), body);
        assertTrue(assume.get(0).getHeader("Authorization").contains("Credential=AKIDMANAGEMENT/"),
                "AssumeRole is signed with the stage's own credentials");
        List<LoggedRequest> reads = aws.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())).stream()
                .filter(r -> !r.getBodyAsString().contains("Action=AssumeRole")).toList();
        assertFalse(reads.isEmpty());
        for (LoggedRequest read : reads) {
            assertTrue(read.getHeader("Authorization").contains("Credential=ASIAMEMBERROLE0EXAMPLE/"),
                    read.getUrl() + " is signed with the member role's session: " + read.getHeader("Authorization"));
            assertEquals("IQoJb3JpZ2luX2VjEXAMPLETOKEN", read.getHeader("X-Amz-Security-Token"));
        }
    }

    @Test
    void aMemberRoleThatCannotBeAssumedFailsTheTargetNamingItAndStoresNothing() {
        CollectTarget target = new CollectTarget("210987654321", "eu-west-1", "arn:aws:iam::210987654321:role/not-deployed");

        MemberRoleDeniedException e = assertThrows(MemberRoleDeniedException.class, () -> stage("ext-7f3a")
                .run(TargetRunState.start("2026-11-02-org", target), settings().request("2026-11-02-org")));

        assertTrue(e.getMessage().contains("arn:aws:iam::210987654321:role/not-deployed") && e.getMessage().contains("AccessDenied")
                && e.getMessage().contains("external id"), e.getMessage());
        assertTrue(store.get(ArtifactKeys.snapshot("2026-11-02-org", target)).isEmpty());
        aws.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    @Test
    void aSnapshotOfAnotherAccountThanTheTargetsIsRefused() {
        // the role answers, but the functions it reads are 123456789012's: the role is not the target account's
        CollectTarget target = new CollectTarget("444455556666", "us-east-1", ROLE);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stage("ext-7f3a")
                .run(TargetRunState.start("2026-11-02-org", target), settings().request("2026-11-02-org")));

        assertTrue(e.getMessage().contains("123456789012") && e.getMessage().contains("444455556666"), e.getMessage());
        assertTrue(store.get(ArtifactKeys.snapshot("2026-11-02-org", target)).isEmpty());
    }

    @Test
    void aRegionOfTheTargetWithoutFunctionsIsCollectedAsAnEmptySnapshot() {
        // found on moto (OrganizationRunOnMotoTest): a member account with no functions in one of the regions failed
        // that target, "the member role read account unknown", since the account is read from the functions' ARNs
        aws.stop();
        aws = SimulatedAccountServer.start(List.of());
        aws.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=AssumeRole"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(resource("AssumeRole.xml"))));
        clients.close();
        clients = new AwsClients(new AwsClientSettings("us-east-1", null, URI.create(aws.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMANAGEMENT", "secret")), Duration.ofSeconds(20)));
        CollectTarget target = new CollectTarget("123456789012", "us-east-1", ROLE);

        TargetRunState state = stage("ext-7f3a").run(TargetRunState.start("2026-11-02-org", target),
                settings().request("2026-11-02-org"));

        assertEquals(0, state.functionCount());
        FleetSnapshot snapshot = codec.read(store.get(state.snapshotKey()).orElseThrow(), FleetSnapshot.class, "snapshot");
        assertEquals(List.of(), snapshot.functions());
    }

    @Test
    void withoutAnExternalIdNothingIsAssumed() {
        CollectTarget target = new CollectTarget("123456789012", "us-east-1", ROLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stage("")
                .run(TargetRunState.start("2026-11-02-org", target), settings().request("2026-11-02-org")));
        assertTrue(e.getMessage().contains("fleetopt.organization.external-id"), e.getMessage());
        aws.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    private CollectTargetStage stage(String externalId) {
        OrganizationSettings organization = new OrganizationSettings(List.of("123456789012"), "", "fleetopt-member", externalId);
        TargetFleetSources sources = new AwsCollectorFactory(aws.baseUrl()).targetFleetSources(organization, settings(), clients);
        return new CollectTargetStage(sources, store, codec);
    }

    private static CollectorSettings settings() {
        return new CollectorSettings(List.of("us-east-1"), 14, List.of(), List.of(), 4, 12, 25, 5000);
    }

    private static String resource(String name) {
        try (InputStream in = CollectTargetOnAwsTest.class.getResourceAsStream("/aws/sts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
