package io.fleetopt.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --stack's DescribeStacks against WireMock answering in CloudFormation's query/XML protocol (recorded answers). */
class StackOutputsTest {

    private WireMockServer cloudFormation;
    private AwsClients clients;
    private StackOutputs outputs;

    @BeforeEach
    void start() {
        cloudFormation = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        cloudFormation.start();
        clients = new AwsClients(new AwsClientSettings("us-east-1", null, URI.create(cloudFormation.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), Duration.ofSeconds(20)));
        outputs = new StackOutputs(clients.build(CloudFormationClient.builder()));
    }

    @AfterEach
    void stop() {
        clients.close();
        cloudFormation.stop();
    }

    private void answer(int status, String recorded) {
        cloudFormation.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStacks"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(recorded(recorded))));
    }

    static String recorded(String name) {
        try (InputStream in = StackOutputsTest.class.getResourceAsStream("/aws/cloudformation/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsTheArtifactBucketAndTheLedgerTableFromTheStacksOutputs() {
        answer(200, "DescribeStacks.xml");

        DeployedStack stack = outputs.read("fleetopt", "us-east-1");

        assertEquals(new DeployedStack("fleetopt", "us-east-1", "fleetopt-artifacts-1a2b3c4d", "fleetopt-Ledger-9F8E7D6C"), stack);
        cloudFormation.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("StackName=fleetopt")));
    }

    @Test
    void readsTheMemberRoleSettingsOfAStackWithMemberAccounts() {
        answer(200, "DescribeStacks-member-accounts.xml");

        DeployedStack stack = outputs.read("fleetopt-org", "us-east-1");

        assertEquals(new DeployedStack.MemberRoles("fleetopt-member", "ext-7f3a", "aws",
                List.of("400000000000", "400000000001", "400000000002")), stack.memberRoles());
    }

    @Test
    void aStackWithoutMemberAccountsHasNoMemberRoleSettings() {
        answer(200, "DescribeStacks.xml");

        assertEquals(null, outputs.read("fleetopt", "us-east-1").memberRoles());
    }

    @Test
    void aStackThatDoesNotExistIsSaidSoWithTheRegionItWasLookedFor() {
        answer(400, "DescribeStacks-stack-does-not-exist.xml");

        UsageException e = assertThrows(UsageException.class, () -> outputs.read("fleetopt-typo", "us-east-1"));

        assertEquals("no CloudFormation stack 'fleetopt-typo' in us-east-1 (check --stack, and --region for the stack's region)",
                e.getMessage());
        cloudFormation.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void aStackWithoutTheOutputsNamesTheMissingOutputAndWhatItHas() {
        answer(200, "DescribeStacks-stack-without-outputs.xml");

        UsageException e = assertThrows(UsageException.class, () -> outputs.read("other-app", "us-east-1"));

        assertEquals("stack 'other-app' (CREATE_COMPLETE) has no output ArtifactBucketName (its outputs: ApiUrl): is it a "
                + "fleetopt stack, deployed in full?", e.getMessage());
    }

    @Test
    void credentialsThatMayNotDescribeTheStackAreToldTheActionTheyNeed() {
        answer(403, "DescribeStacks-access-denied.xml");

        StackOutputs.StackAccessDeniedException e = assertThrows(StackOutputs.StackAccessDeniedException.class,
                () -> outputs.read("fleetopt", "us-east-1"));

        assertEquals("access denied: the credentials may not call cloudformation:DescribeStacks on stack 'fleetopt' in us-east-1,"
                + " which --stack needs to find its bucket and ledger", e.getMessage());
        cloudFormation.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void throttlingIsRetriedUntilCloudFormationAnswers() {
        cloudFormation.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(recorded("DescribeStacks-throttling.xml")))
                .willSetStateTo("once"));
        cloudFormation.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs("once")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(recorded("DescribeStacks-throttling.xml")))
                .willSetStateTo("answers"));
        cloudFormation.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs("answers")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(recorded("DescribeStacks.xml"))));

        DeployedStack stack = outputs.read("fleetopt", "us-east-1");

        assertEquals("fleetopt-Ledger-9F8E7D6C", stack.ledgerTable());
        cloudFormation.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void aNameCloudFormationWouldRefuseIsRefusedBeforeAnyCall() {
        UsageException e = assertThrows(UsageException.class, () -> outputs.read("my_stack", "us-east-1"));

        assertTrue(e.getMessage().startsWith("--stack 'my_stack' is not a CloudFormation stack name"), e.getMessage());
        cloudFormation.verify(0, postRequestedFor(urlEqualTo("/")));
    }
}
