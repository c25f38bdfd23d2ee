package io.fleetopt.collector;

import com.amazonaws.services.lambda.runtime.Context;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.fleetopt.collector.aws.SimulatedAccountServer;
import io.fleetopt.core.model.RunState;
import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Collect invocation as Lambda makes it (handleRequest with a context), on an account answering in the real
 * protocols: every line on standard output is JSON carrying the stage, the run and the function, and the last is the
 * invocation's CloudWatch EMF line.
 */
class CollectTelemetryTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:fleetopt-Collect:live";
    private static final Map<String, String> CREDENTIALS = Map.of("aws.accessKeyId", "AKIDTEST",
            "aws.secretAccessKey", "secret", "aws.region", "us-east-1");

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream saved;
    private WireMockServer aws;

    @BeforeEach
    void captureStandardOutput() {
        saved = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        CREDENTIALS.forEach(System::setProperty);
        aws = SimulatedAccountServer.start(SimulatedAccountServer.busyFleet(12));
    }

    @AfterEach
    void restore() {
        System.setOut(saved);
        CREDENTIALS.keySet().forEach(System::clearProperty);
        aws.stop();
    }

    @Test
    void aCollectInvocationLogsJsonLinesAndPublishesItsFiguresAsOneEmfLine() throws IOException {
        aws.stubFor(put(urlPathEqualTo("/fleetopt-artifacts/runs/run-9/snapshot.json")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
        // Collect also writes each function's evidence for the apply iterations
        aws.stubFor(put(urlPathMatching("/fleetopt-artifacts/runs/run-9/evidence/[0-9a-f]+\\.json")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
        try (CollectHandler handler = handler()) {
            handler.handleRequest(RunState.start("run-9"), context());
        }

        List<Map<String, Object>> lines = jsonLines();
        Map<String, Object> started = line(lines, "Collect started");
        assertEquals("INFO", started.get("level"));
        assertEquals("Collect started", started.get("message"));
        assertEquals("Collect", started.get("stage"));
        assertEquals(ARN, started.get("functionArn"));
        assertEquals("request-1", started.get("requestId"));
        Map<String, Object> finished = line(lines, "Collect finished in ");
        assertTrue(String.valueOf(finished.get("message")).startsWith("Collect finished in "), finished.toString());
        assertEquals("run-9", finished.get("runId"));

        Map<String, Object> emf = emf(lines);
        Map<String, Object> aws = map(emf.get("_aws"));
        Map<String, Object> directive = map(((List<?>) aws.get("CloudWatchMetrics")).get(0));
        assertEquals("fleetopt", directive.get("Namespace"));
        assertEquals(List.of(List.of("Stage")), directive.get("Dimensions"));
        List<String> names = ((List<?>) directive.get("Metrics")).stream().map(m -> String.valueOf(map(m).get("Name"))).toList();
        assertEquals(List.of("FunctionsCollected", "EvidenceUnavailable", "StageDurationMs", "StageFailed"), names);
        assertEquals("Milliseconds", map(((List<?>) directive.get("Metrics")).get(2)).get("Unit"));
        assertTrue(((Number) aws.get("Timestamp")).longValue() > 0);
        assertEquals("Collect", emf.get("Stage"));
        assertEquals(12, ((Number) emf.get("FunctionsCollected")).intValue());
        assertEquals(0, ((Number) emf.get("EvidenceUnavailable")).intValue());
        assertEquals(0, ((Number) emf.get("StageFailed")).intValue());
        assertTrue(((Number) emf.get("StageDurationMs")).longValue() >= 0);
        assertEquals("run-9", emf.get("runId"));
        assertEquals(ARN, emf.get("functionArn"));
    }

    @Test
    void aFailedInvocationLogsTheErrorAsJsonAndCountsTheFailure() throws IOException {
        aws.stubFor(put(urlPathEqualTo("/fleetopt-artifacts/runs/run-10/snapshot.json")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")));
        try (CollectHandler handler = handler()) {
            assertThrows(RuntimeException.class, () -> handler.handleRequest(RunState.start("run-10"), context()));
        }

        List<Map<String, Object>> lines = jsonLines();
        Map<String, Object> failed = line(lines, "Collect failed after ");
        assertEquals("ERROR", failed.get("level"));
        assertTrue(String.valueOf(failed.get("message")).startsWith("Collect failed after "), failed.toString());
        assertTrue(failed.containsKey("errorType"), failed.toString());
        Map<String, Object> emf = emf(lines);
        assertEquals(1, ((Number) emf.get("StageFailed")).intValue());
        assertTrue(emf.containsKey("FunctionsCollected"), "what the stage wrote before it failed still counts: " + emf);
    }

    private CollectHandler handler() {
        return new CollectHandler(ApplicationContext.builder().properties(Map.of(
                "fleetopt.account", "aws",
                "fleetopt.stage", "Collect",
                "fleetopt.endpoint-url", aws.baseUrl(),
                "fleetopt.artifact-bucket", "fleetopt-artifacts",
                "fleetopt.collector.regions", "us-east-1",
                "fleetopt.collector.logs-insights-budget-gb", "0")));
    }

    private List<Map<String, Object>> jsonLines() throws IOException {
        String printed = stdout.toString(StandardCharsets.UTF_8); // before the mapper's own start-up line
        List<Map<String, Object>> lines = new ArrayList<>();
        ObjectMapper json = ObjectMapper.getDefault();
        for (String line : printed.split("\n")) {
            if (!line.isBlank()) {
                lines.add(map(json.readValue(line, Map.class)));
            }
        }
        return lines;
    }

    /** The one line whose message starts so (every line parsed as JSON to get here). */
    private static Map<String, Object> line(List<Map<String, Object>> lines, String messageStart) {
        List<Map<String, Object>> found = lines.stream()
                .filter(l -> String.valueOf(l.get("message")).startsWith(messageStart)).toList();
        assertEquals(1, found.size(), messageStart + " in " + lines);
        return found.get(0);
    }

    /** The one EMF line, which comes last. */
    private static Map<String, Object> emf(List<Map<String, Object>> lines) {
        List<Map<String, Object>> found = lines.stream().filter(l -> l.containsKey("_aws")).toList();
        assertEquals(1, found.size(), lines.toString());
        assertEquals(found.get(0), lines.get(lines.size() - 1));
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Context context() {
        return (Context) Proxy.newProxyInstance(CollectTelemetryTest.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> "request-1";
                    case "getFunctionName" -> "fleetopt-Collect";
                    case "getInvokedFunctionArn" -> ARN;
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getMemoryLimitInMB" -> 2048;
                    default -> null;
                });
    }
}
