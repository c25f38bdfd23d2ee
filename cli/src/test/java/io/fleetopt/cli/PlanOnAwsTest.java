package io.fleetopt.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.fleetopt.collector.aws.SimulatedAccountServer;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.Plan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fleetopt plan and collect on a real account's wire protocols: WireMock answering as Lambda, CloudWatch, Logs, Tagging. */
class PlanOnAwsTest {

    @TempDir
    Path stateDir;

    private WireMockServer aws;

    @BeforeEach
    void startTheSimulatedAccount() {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        aws = SimulatedAccountServer.start(SimulatedAccountServer.busyFleet(60));
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    private CliAcceptanceTest.Result fleetopt(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FleetoptCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new CliAcceptanceTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void plansARealAccountReadOnlyThroughItsEndpoint() {
        CliAcceptanceTest.Result plan = fleetopt("plan", "--region", "us-east-1", "--endpoint-url", aws.baseUrl(),
                "--state-dir", stateDir.toString(), "--output", "json");
        assertEquals(0, plan.exitCode(), plan.err());
        try (DocumentCodec codec = new DocumentCodec()) {
            Plan parsed = codec.read(plan.out(), Plan.class, "stdout");
            assertFalse(parsed.items().isEmpty(), "60 busy functions at 512 MB give the analyzer something to say");
        }
        List<ServeEvent> calls = aws.getAllServeEvents();
        assertFalse(calls.isEmpty());
        for (ServeEvent call : calls) {
            String method = call.getRequest().getMethod().value();
            String target = String.valueOf(call.getRequest().getHeader("X-Amz-Target"));
            String body = call.getRequest().getBodyAsString();
            assertFalse(method.equals("PUT") || method.equals("DELETE"), "a read-only plan sent " + method + " " + call.getRequest().getUrl());
            assertFalse(target.matches(".*\\.(Put|Update|Delete|Create|Tag).*") || body.matches("(?s).*Action=(Put|Set|Delete).*"),
                    "a read-only plan called " + target + " " + body);
        }
    }

    @Test
    void collectsTheSnapshotWithWhatItCost() {
        CliAcceptanceTest.Result collect = fleetopt("collect", "--region", "us-east-1", "--endpoint-url", aws.baseUrl(),
                "--state-dir", stateDir.toString(), "--output", "json");
        assertEquals(0, collect.exitCode(), collect.err());
        try (DocumentCodec codec = new DocumentCodec()) {
            FleetSnapshot snapshot = codec.read(collect.out(), FleetSnapshot.class, "stdout");
            assertEquals(60, snapshot.functions().size());
            assertTrue(snapshot.collectionCost().apiCallsByOperation().containsKey("GetMetricData"),
                    snapshot.collectionCost().toString());
        }
        CliAcceptanceTest.Result summary = fleetopt("collect", "--region", "us-east-1", "--endpoint-url", aws.baseUrl(),
                "--state-dir", stateDir.toString(), "--name-pattern", "svc-0000*");
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("60 functions") && summary.out().contains("API calls"), summary.out());
    }

    @Test
    void refusesDemoOnlyAndAwsOnlyOptionsTogether() {
        CliAcceptanceTest.Result mixed = fleetopt("plan", "--demo", "--endpoint-url", aws.baseUrl(), "--state-dir", stateDir.toString());
        assertEquals(2, mixed.exitCode());
        assertTrue(mixed.err().contains("--profile and --endpoint-url read a real AWS account"), mixed.err());
        CliAcceptanceTest.Result reset = fleetopt("run", "--reset", "--region", "us-east-1", "--endpoint-url", aws.baseUrl(),
                "--state-dir", stateDir.toString());
        assertEquals(2, reset.exitCode());
        assertTrue(reset.err().contains("--reset starts the demo account over"), reset.err());
        assertTrue(aws.getAllServeEvents().isEmpty(), "nothing was sent to the account");
    }
}
