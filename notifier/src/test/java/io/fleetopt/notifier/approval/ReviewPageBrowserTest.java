package io.fleetopt.notifier.approval;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fleetopt.core.testing.HeadlessChromium;
import io.fleetopt.notifier.approval.local.LocalReviewServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.fleetopt.notifier.approval.ReviewFixture.FAILURE;
import static io.fleetopt.notifier.approval.ReviewFixture.HEARTBEAT;
import static io.fleetopt.notifier.approval.ReviewFixture.SUCCESS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The review page in Debian's headless Chromium (JavaScript off), served on loopback by the real endpoint, which
 * answers the runs through Step Functions' wire protocol (WireMock). Screenshots land in target/screenshots.
 */
class ReviewPageBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target/screenshots").toAbsolutePath();

    @RegisterExtension
    static WireMockExtension stepFunctions = ReviewFixture.stepFunctionsServer();

    @TempDir
    Path dir;

    private static List<String> callsFor(String target, String token) {
        return ReviewFixture.calls(stepFunctions, target).stream().filter(b -> b.contains("\"taskToken\":\"" + token + "\"")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anApproverDecidesInTheBrowserAndOnlyWhatTheyDecideReachesTheRun() throws IOException {
        HeadlessChromium chromium = HeadlessChromium.installed();
        ReviewFixture.taskWaits(stepFunctions);
        Files.createDirectories(SCREENSHOTS);
        try (ReviewFixture runs = new ReviewFixture(dir, stepFunctions, ReviewFixture.plan("2026-11-02-approve", 4), List.of());
             LocalReviewServer server = new LocalReviewServer(runs.endpoint)) {
            String base = server.baseUrl();
            ReviewLink approve = runs.link();
            ReviewLink prefetch = runs.openAnother("2026-11-02-prefetch", "token-prefetch", runs.pending.expiresAt());
            ReviewLink reject = runs.openAnother("2026-11-02-reject", "token-reject", runs.pending.expiresAt());
            ReviewLink expired = runs.openAnother("2026-11-02-expired", "token-expired", runs.clock.instant().minus(Duration.ofHours(1)));
            Map<String, Object> links = new LinkedHashMap<>();
            links.put("origin", base);
            links.put("prefetch", prefetch.url(base));
            links.put("approve", approve.url(base));
            links.put("reject", reject.url(base));
            links.put("forged", base + ReviewLink.PATH_PREFIX + approve.runId() + "?expires=" + approve.expiresEpochSecond()
                    + "&sig=" + "Z".repeat(43));
            links.put("tampered", base + ReviewLink.PATH_PREFIX + approve.runId() + "?expires=" + (approve.expiresEpochSecond() + 604_800)
                    + "&sig=" + approve.signature());
            links.put("expired", expired.url(base));
            links.put("untick", List.of("memory-1", "timeout-2", "retention-3"));
            links.put("approver", "Ana Lima (ana@example.com)");
            links.put("screenshots", SCREENSHOTS.toString());
            JsonMapper json = JsonMapper.createDefault();

            String out = chromium.run(Path.of("src/test/resources/browser/review-flow.mjs"), 120, json.writeValueAsString(links));
            Map<String, Object> seen = json.readValue(out, Argument.mapOf(String.class, Object.class));

            assertEquals(List.of(200, 200, 200), seen.get("prefetch"));
            assertEquals(List.of(), ReviewFixture.calls(stepFunctions, HEARTBEAT).stream().filter(b -> b.contains("token-prefetch")).toList(),
                    "three GETs sent nothing to Step Functions");
            Map<String, Object> opened = (Map<String, Object>) seen.get("opened");
            assertEquals(200, opened.get("status"));
            assertEquals(12, opened.get("checked"), "every change is ticked at first");
            assertTrue((int) seen.get("phoneWidth") <= 390, "no sideways scrolling on a phone: " + seen.get("phoneWidth"));

            Map<String, Object> approved = (Map<String, Object>) seen.get("approved");
            assertEquals(200, approved.get("status"));
            assertEquals("Approved: 9 changes will be applied", approved.get("heading"));
            List<String> success = callsFor(SUCCESS, ReviewFixture.TASK_TOKEN);
            assertEquals(1, success.size());
            List<String> expected = runs.plan.applicableItems().stream().map(i -> i.id())
                    .filter(id -> !List.of("memory-1", "timeout-2", "retention-3").contains(id)).toList();
            DecisionTaken taken = runs.approvals.find(approve.runId()).orElseThrow().decision();
            assertEquals(expected, runs.documents.read(taken.decisionKey(), io.fleetopt.core.model.Decision.class, "decision").approvedItemIds());
            // the task's output names the decision and its count; the approved items travel in S3, not in the state
            assertTrue(success.get(0).contains("\\\"decisionKey\\\":\\\"" + taken.decisionKey() + "\\\""), success.get(0));
            assertTrue(success.get(0).contains("\\\"approvedCount\\\":" + expected.size()), success.get(0));
            assertEquals("Ana Lima (ana@example.com)", taken.approver());
            assertTrue(taken.userAgent().contains("HeadlessChrome"), taken.userAgent());
            assertEquals("127.0.0.1", taken.sourceIp());

            Map<String, Object> reused = (Map<String, Object>) seen.get("reused");
            assertEquals(409, reused.get("status"));
            assertTrue(((String) reused.get("text")).contains("This request changed nothing"), (String) reused.get("text"));
            assertEquals(1, callsFor(SUCCESS, ReviewFixture.TASK_TOKEN).size(), "the second POST changed nothing");
            Map<String, Object> secondVisit = (Map<String, Object>) seen.get("secondVisit");
            assertEquals(200, secondVisit.get("status"));
            assertTrue(((String) secondVisit.get("text")).contains("Ana Lima (ana@example.com) approved 9 changes"), (String) secondVisit.get("text"));

            Map<String, Object> rejected = (Map<String, Object>) seen.get("rejected");
            assertEquals(200, rejected.get("status"));
            assertEquals("Rejected: nothing will change", rejected.get("heading"));
            assertEquals(1, callsFor(FAILURE, "token-reject").size());
            assertTrue(callsFor(FAILURE, "token-reject").get(0).contains("Approval.Rejected"));

            assertEquals(Map.of("status", 403, "heading", "This link is not valid"), seen.get("forged"));
            assertEquals(Map.of("status", 403, "heading", "This link is not valid"), seen.get("tampered"));
            assertEquals(Map.of("status", 410, "heading", "This review link has expired"), seen.get("expired"));
            assertEquals(List.of(), callsFor(HEARTBEAT, "token-expired"));
            assertEquals(List.of(), seen.get("externalRequests"), "the page loads nothing from anywhere else");

            byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
            for (String shot : List.of("review-page-desktop.png", "review-page-phone.png")) {
                byte[] image = Files.readAllBytes(SCREENSHOTS.resolve(shot));
                assertArrayEquals(png, java.util.Arrays.copyOf(image, 4), shot + " is a PNG");
                assertTrue(image.length > 10_000, shot + ": " + image.length + " bytes");
            }
        }
    }
}
