package io.fleetopt.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Every refusal names its cause and the fix, without a stack trace: an unusable state folder and an unknown region
 * are bad input (exit 2, nothing sent); an account that cannot be read is exit 3 naming what failed, whether the
 * endpoint answers HTTP 500, throttles (429) past the retries, denies access (403), answers {@code {}} or refuses the
 * connection.
 */
class CliErrorsTest {

    @TempDir
    Path stateDir;

    private WireMockServer aws;

    @BeforeEach
    void start() {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    @Test
    void anHttp500NamesTheStatusTheCallAndTheFix() {
        answerEverything(aResponse().withStatus(500).withHeader("x-amzn-ErrorType", "ServiceException")
                .withHeader("Content-Type", "application/json").withBody("{\"Message\":\"internal error\"}"));
        CliAcceptanceTest.Result plan = planOnTheEndpoint(aws.baseUrl());
        assertCouldNotRead(plan, "ListFunctions the service failed (ServiceException, HTTP 500) after 3 attempts: run again later");
    }

    @Test
    void throttlingPastTheRetriesSaysSo() {
        answerEverything(aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Rate exceeded\",\"Type\":\"User\"}"));
        CliAcceptanceTest.Result plan = planOnTheEndpoint(aws.baseUrl());
        assertCouldNotRead(plan, "ListFunctions throttled (TooManyRequestsException, HTTP 429) after 3 attempts");
        assertTrue(plan.err().contains("run again later"), plan.err());
    }

    @Test
    void accessDeniedNamesTheActionToAllow() {
        answerEverything(aResponse().withStatus(403).withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withHeader("Content-Type", "application/json").withBody("{\"Message\":\"User: arn:aws:iam::123456789012:user/dev"
                        + " is not authorized to perform: lambda:ListFunctions\"}"));
        CliAcceptanceTest.Result plan = planOnTheEndpoint(aws.baseUrl());
        assertCouldNotRead(plan, "ListFunctions access denied (AccessDeniedException, HTTP 403): allow lambda:ListFunctions to these credentials");
    }

    @Test
    void anEndpointAnsweringAnEmptyObjectIsNotTakenForAnAccount() {
        answerEverything(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}"));
        CliAcceptanceTest.Result plan = planOnTheEndpoint(aws.baseUrl());
        assertCouldNotRead(plan, "GetAccountSettings answered without the account's concurrency limits");
        assertTrue(plan.err().contains("check --endpoint-url"), plan.err());
    }

    @Test
    void aRefusedConnectionSaysSoAndPointsAtTheEndpoint() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliAcceptanceTest.Result plan = planOnTheEndpoint("http://127.0.0.1:" + closedPort);
        assertCouldNotRead(plan, "ListFunctions connection refused");
        assertTrue(plan.err().contains("check that the endpoint is up (--endpoint-url)"), plan.err());
    }

    @Test
    void aStateDirThatIsAFileIsBadInputNamingThePath() throws IOException {
        Path file = Files.writeString(stateDir.resolve("not-a-folder"), "x");
        CliAcceptanceTest.Result plan = fleetopt("plan", "--demo", "--state-dir", file.toString());
        assertRefused(plan, "--state-dir " + file + " is a file, not a folder: point --state-dir at a folder");
    }

    @Test
    void aStateDirThatCannotBeCreatedIsBadInputNamingThePath() throws IOException {
        Path file = Files.writeString(stateDir.resolve("a-file"), "x");
        Path under = file.resolve("state");
        CliAcceptanceTest.Result run = fleetopt("run", "--demo", "--yes", "--state-dir", under.toString());
        assertRefused(run, "--state-dir " + under + " cannot be created (");
    }

    @Test
    void aReadOnlyStateDirIsBadInputNamingThePath() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into a read-only folder anyway");
        Path readOnly = Files.createDirectories(stateDir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        CliAcceptanceTest.Result plan = fleetopt("plan", "--demo", "--state-dir", readOnly.toString());
        assertRefused(plan, "--state-dir " + readOnly + " is not writable (");
    }

    @Test
    void anUnknownRegionOnARealAccountIsBadInputAndNothingIsSent() {
        CliAcceptanceTest.Result plan = fleetopt("plan", "--region", "nonsense", "--endpoint-url", aws.baseUrl(),
                "--state-dir", stateDir.toString());
        assertRefused(plan, "--region nonsense is not an AWS region name (e.g. us-east-1, eu-west-1, ap-southeast-2)");
        assertTrue(aws.getAllServeEvents().isEmpty(), "nothing was sent to the account");
    }

    @Test
    void anUnknownRegionOnTheDemoAccountIsAWarning() {
        CliAcceptanceTest.Result plan = fleetopt("plan", "--demo", "--region", "nonsense", "--state-dir", stateDir.toString());
        assertEquals(0, plan.exitCode(), plan.err());
        assertTrue(plan.err().contains("warning: --region nonsense is not an AWS region name (e.g. us-east-1, eu-west-1,"
                + " ap-southeast-2); the demo account's functions are in us-east-1, so nothing is collected there"), plan.err());
    }

    @Test
    void aRealRegionOfAnotherPartitionIsAccepted() {
        assertTrue(RegionNames.unknown(java.util.List.of("cn-north-1", "us-gov-west-1", "eu-central-1")).isEmpty());
        assertEquals(java.util.List.of("us-east-9"), RegionNames.unknown(java.util.List.of("us-east-1", "us-east-9")));
    }

    private void answerEverything(ResponseDefinitionBuilder answer) {
        aws.stubFor(any(anyUrl()).willReturn(answer));
    }

    private CliAcceptanceTest.Result planOnTheEndpoint(String endpoint) {
        return fleetopt("plan", "--region", "us-east-1", "--endpoint-url", endpoint, "--state-dir", stateDir.toString());
    }

    private static void assertCouldNotRead(CliAcceptanceTest.Result result, String cause) {
        assertEquals(3, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("fleetopt: could not read the AWS account: us-east-1: "), result.err());
        assertTrue(result.err().contains(cause), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    private static void assertRefused(CliAcceptanceTest.Result result, String message) {
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("fleetopt: " + message), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    private static CliAcceptanceTest.Result fleetopt(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FleetoptCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new CliAcceptanceTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
