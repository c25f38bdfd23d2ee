package io.fleetopt.collector;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fleetopt.collector.aws.SimulatedAccountServer;
import io.fleetopt.core.model.RunState;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Collect Lambda handler, wired as in AWS (real account through the SDK, snapshot to S3) and as the demo. */
class CollectHandlerTest {

    @Test
    void collectsTheAccountAndStoresTheSnapshotInS3ReturningItsKeyAndCount() {
        WireMockServer aws = SimulatedAccountServer.start(SimulatedAccountServer.busyFleet(60));
        aws.stubFor(put(urlPathEqualTo("/fleetopt-artifacts/runs/run-7/snapshot.json")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
        aws.stubFor(put(urlPathMatching("/fleetopt-artifacts/runs/run-7/evidence/[0-9a-f]{32}\\.json")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
        Map<String, String> saved = Map.of("aws.accessKeyId", "AKIDTEST", "aws.secretAccessKey", "secret", "aws.region", "us-east-1");
        saved.forEach(System::setProperty);
        try (CollectHandler handler = new CollectHandler(ApplicationContext.builder().properties(Map.of(
                "fleetopt.account", "aws",
                "fleetopt.endpoint-url", aws.baseUrl(),
                "fleetopt.artifact-bucket", "fleetopt-artifacts",
                "fleetopt.collector.regions", "us-east-1",
                "fleetopt.collector.logs-insights-budget-gb", "0")))) {
            RunState state = handler.execute(RunState.start("run-7"));

            assertEquals("run-7", state.runId());
            assertEquals("runs/run-7/snapshot.json", state.snapshotKey());
            assertEquals(60, state.functionCount());
            aws.verify(1, putRequestedFor(urlPathEqualTo("/fleetopt-artifacts/runs/run-7/snapshot.json"))
                    .withRequestBody(containing("\"runId\" : \"run-7\"")));
            // and each function's evidence on its own, for the one apply iteration that changes it
            aws.verify(60, putRequestedFor(urlPathMatching("/fleetopt-artifacts/runs/run-7/evidence/[0-9a-f]{32}\\.json"))
                    .withRequestBody(containing("\"profile\" : {")));
        } finally {
            saved.keySet().forEach(System::clearProperty);
            aws.stop();
        }
    }

    @Test
    void stillRunsAgainstTheDemoAccountWhenToldTo(@TempDir Path stateDir) {
        try (CollectHandler handler = new CollectHandler(ApplicationContext.builder().properties(Map.of(
                "fleetopt.account", "demo", "fleetopt.state-dir", stateDir.toString())))) {
            RunState state = handler.execute(RunState.start("demo-1"));

            assertTrue(state.functionCount() > 0);
            assertTrue(Files.exists(stateDir.resolve("artifacts").resolve(state.snapshotKey())));
        }
    }
}
