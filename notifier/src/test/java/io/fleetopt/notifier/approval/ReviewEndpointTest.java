package io.fleetopt.notifier.approval;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fleetopt.core.model.ApprovalOutput;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.Recommendation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.fleetopt.notifier.approval.ReviewFixture.FAILURE;
import static io.fleetopt.notifier.approval.ReviewFixture.HEARTBEAT;
import static io.fleetopt.notifier.approval.ReviewFixture.SUCCESS;
import static io.fleetopt.notifier.approval.ReviewFixture.calls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review endpoint's decision flow, answering the run through Step Functions' wire protocol (WireMock). */
class ReviewEndpointTest {

    @RegisterExtension
    static WireMockExtension stepFunctions = ReviewFixture.stepFunctionsServer();

    @TempDir
    Path dir;

    private ReviewFixture run;

    @BeforeEach
    void aRunWaitsForItsApprover() {
        run = new ReviewFixture(dir, stepFunctions, ReviewFixture.plan(ReviewFixture.RUN_ID, 4), List.of());
    }

    @AfterEach
    void close() {
        run.close();
    }

    private HttpAnswer get(String pathAndQuery) {
        return run.endpoint.handle(call("GET", pathAndQuery, null));
    }

    private HttpAnswer submit(String pathAndQuery, Map<String, List<String>> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, values) -> values.forEach(v -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return run.endpoint.handle(call("POST", pathAndQuery, body.toString()));
    }

    private static HttpCall call(String method, String pathAndQuery, String body) {
        int q = pathAndQuery.indexOf('?');
        return new HttpCall(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? Map.of() : FormData.firstValues(pathAndQuery.substring(q + 1)), body, "203.0.113.7", "Mozilla/5.0 (test)");
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "the page has a hidden " + name);
        return m.group(1);
    }

    /** The form as the page fills it: its CSRF token and plan digest, the approver, the decision and the ticked items. */
    private Map<String, List<String>> form(String decision, String approver, List<String> ticked) {
        String page = get(run.link().pathAndQuery()).html();
        return Map.of("csrf", List.of(hidden(page, "csrf")), "planDigest", List.of(hidden(page, "planDigest")),
                "decision", List.of(decision), "approver", List.of(approver), "item", ticked);
    }

    private List<String> applyIds() {
        return run.plan.applicableItems().stream().map(Recommendation::id).toList();
    }

    @Test
    void visitsOfTheLinkOnlyRenderThePageAndSendNothingToStepFunctions() {
        ReviewFixture.taskWaits(stepFunctions);

        for (int i = 0; i < 3; i++) {
            HttpAnswer page = get(run.link().pathAndQuery());
            assertEquals(200, page.status());
            assertTrue(page.html().contains("Approve selected") && page.html().contains("orders-0001"), page.html());
        }

        assertEquals(0, stepFunctions.getAllServeEvents().size(), "a GET sends nothing, not even a heartbeat");
        assertTrue(run.approvals.find(ReviewFixture.RUN_ID).orElseThrow().decision() == null);
    }

    @Test
    void approvingASubsetChecksTheLiveTaskThenResumesTheRunWithExactlyTheTickedItems() {
        ReviewFixture.taskWaits(stepFunctions);
        List<String> ticked = List.of("memory-0", "retention-3");

        HttpAnswer answer = submit(run.link().pathAndQuery(), form("approve", "  Ana Lima <ana@example.com> ", ticked));

        assertEquals(200, answer.status(), answer.html());
        assertTrue(answer.html().contains("2 changes will be applied"), answer.html());
        assertEquals(1, calls(stepFunctions, HEARTBEAT).size());
        assertTrue(calls(stepFunctions, HEARTBEAT).get(0).contains(ReviewFixture.TASK_TOKEN));
        List<String> success = calls(stepFunctions, SUCCESS);
        assertEquals(1, success.size());
        assertTrue(stepFunctions.getAllServeEvents().reversed().get(0).getRequest().getHeader("X-Amz-Target").equals(HEARTBEAT),
                "the heartbeat comes first");
        DecisionTaken taken = run.approvals.find(ReviewFixture.RUN_ID).orElseThrow().decision();
        Decision decision = run.documents.read(taken.decisionKey(), Decision.class, "decision");
        String output = run.codec.writeLine(ApprovalOutput.of(taken.decisionKey(), decision));
        assertTrue(success.get(0).contains("\"output\":" + run.codec.writeLine(output)), success.get(0));
        assertTrue(output.contains("\"approvedCount\":2"), output);
        assertFalse(output.contains("memory-0"), "the task output names the items file, not the items: " + output);
        assertEquals(ArtifactKeys.approvedItems(taken.decisionKey()), decision.approvedItemsKey());
        List<io.fleetopt.core.model.ItemLine> lines = new io.fleetopt.core.port.ItemsFile(run.store, run.codec)
                .read(decision.approvedItemsKey(), null, decision.approvedItemsDigest());
        assertEquals(ticked, lines.stream().map(l -> l.item().id()).toList());
        assertTrue(lines.stream().allMatch(l -> l.decisionKey().equals(taken.decisionKey())
                && l.approver().equals("Ana Lima <ana@example.com>") && l.planDigest().equals(PlanDigest.of(run.plan))));
        assertEquals(ticked, decision.approvedItemIds());
        assertEquals(applyIds().stream().filter(id -> !ticked.contains(id)).toList(), decision.rejectedItemIds());
        assertEquals("Ana Lima <ana@example.com>", decision.approver());
        assertEquals(PlanDigest.of(run.plan), decision.planDigest());
        assertEquals("203.0.113.7", decision.sourceIp());
        assertEquals("Mozilla/5.0 (test)", decision.userAgent());
        assertEquals(run.clock.instant(), decision.decidedAt());
    }

    @Test
    void rejectingAllEndsTheTaskWithApprovalRejectedAndRecordsWhoRejected() {
        ReviewFixture.taskWaits(stepFunctions);

        HttpAnswer answer = submit(run.link().pathAndQuery(), form("reject", "ana@example.com", applyIds()));

        assertEquals(200, answer.status(), answer.html());
        assertTrue(answer.html().contains("nothing will change"), answer.html());
        assertEquals(List.of(), calls(stepFunctions, SUCCESS));
        List<String> failure = calls(stepFunctions, FAILURE);
        assertEquals(1, failure.size());
        assertTrue(failure.get(0).contains("\"error\":\"Approval.Rejected\""), failure.get(0));
        DecisionTaken taken = run.approvals.find(ReviewFixture.RUN_ID).orElseThrow().decision();
        assertTrue(taken.rejected());
        assertEquals(List.of(), run.documents.read(taken.decisionKey(), Decision.class, "decision").approvedItemIds());
    }

    @Test
    void aSecondPostAfterTheDecisionChangesNothingAndAVisitShowsWhoDecidedAndWhen() {
        ReviewFixture.taskWaits(stepFunctions);
        Map<String, List<String>> form = form("approve", "ana@example.com", List.of("memory-0"));
        assertEquals(200, submit(run.link().pathAndQuery(), form).status());

        HttpAnswer replay = submit(run.link().pathAndQuery(), form);
        HttpAnswer other = submit(run.link().pathAndQuery(), Map.of("csrf", form.get("csrf"), "planDigest", form.get("planDigest"),
                "decision", List.of("reject"), "approver", List.of("mallory")));
        HttpAnswer visit = get(run.link().pathAndQuery());

        assertEquals(409, replay.status());
        assertEquals(409, other.status());
        assertTrue(replay.html().contains("This request changed nothing"), replay.html());
        assertEquals(200, visit.status());
        assertTrue(visit.html().contains("ana@example.com approved 1 changes") && visit.html().contains(run.clock.instant().toString()),
                visit.html());
        assertEquals(1, calls(stepFunctions, SUCCESS).size());
        assertEquals(0, calls(stepFunctions, FAILURE).size());
        assertEquals(1, calls(stepFunctions, HEARTBEAT).size());
    }

    @Test
    void concurrentPostsDecideOnceAndResumeTheRunOnce() throws Exception {
        ReviewFixture.taskWaits(stepFunctions);
        Map<String, List<String>> form = form("approve", "ana@example.com", List.of("memory-1"));
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            posts.add(() -> submit(run.link().pathAndQuery(), form).status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : pool.invokeAll(posts)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1, calls(stepFunctions, SUCCESS).size());
    }

    @Test
    void aRunThatAlreadyEndedIsToldSoAndNoDecisionIsRecorded() {
        stepFunctions.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(HEARTBEAT))
                .willReturn(ReviewFixture.error(400, "TaskTimedOut", "Task Timed Out: 'arn:aws:states:...'")));

        HttpAnswer answer = submit(run.link().pathAndQuery(), form("approve", "ana@example.com", List.of("memory-0")));

        assertEquals(410, answer.status());
        assertTrue(answer.html().contains("This run already ended"), answer.html());
        assertEquals(List.of(), calls(stepFunctions, SUCCESS));
        assertNull(run.approvals.find(ReviewFixture.RUN_ID).orElseThrow().decision());
    }

    @Test
    void aThrottledHeartbeatIsRetriedBeforeTheRunIsResumed() {
        stepFunctions.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(HEARTBEAT)).inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(ReviewFixture.error(400, "ThrottlingException", "Rate exceeded"))
                .willSetStateTo("calm"));
        stepFunctions.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(HEARTBEAT)).inScenario("throttled")
                .whenScenarioStateIs("calm").willReturn(ReviewFixture.ok()));
        stepFunctions.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(SUCCESS)).willReturn(ReviewFixture.ok()));

        HttpAnswer answer = submit(run.link().pathAndQuery(), form("approve", "ana@example.com", List.of("memory-0")));

        assertEquals(200, answer.status(), answer.html());
        assertEquals(2, calls(stepFunctions, HEARTBEAT).size());
        assertEquals(1, calls(stepFunctions, SUCCESS).size());
    }

    @Test
    void forgedTamperedAndExpiredLinksGetTheirPagesAndSendNothing() {
        ReviewFixture.taskWaits(stepFunctions);
        ReviewLink link = run.link();
        Map<String, List<String>> form = form("approve", "ana@example.com", List.of("memory-0"));
        String forged = ReviewLink.PATH_PREFIX + link.runId() + "?expires=" + link.expiresEpochSecond() + "&sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        String laterExpiry = ReviewLink.PATH_PREFIX + link.runId() + "?expires=" + (link.expiresEpochSecond() + 86_400) + "&sig=" + link.signature();
        String otherRun = ReviewLink.PATH_PREFIX + "2026-11-09-other?expires=" + link.expiresEpochSecond() + "&sig=" + link.signature();
        String unsigned = ReviewLink.PATH_PREFIX + link.runId();

        for (String bad : List.of(forged, laterExpiry, otherRun, unsigned)) {
            assertEquals(403, get(bad).status(), bad);
            HttpAnswer refused = submit(bad, form);
            assertEquals(403, refused.status(), bad);
            assertTrue(refused.html().contains("This link is not valid") && refused.html().contains("Nothing was changed"));
        }
        run.clock.advance(ReviewFixture.TIMEOUT);
        assertEquals(410, get(link.pathAndQuery()).status());
        assertEquals(410, submit(link.pathAndQuery(), form).status());

        assertEquals(0, stepFunctions.getAllServeEvents().size());
        assertNull(run.approvals.find(ReviewFixture.RUN_ID).orElseThrow().decision());
    }

    @Test
    void aPostWithoutThePagesTokenOrWithBadInputIsRefusedWithWhatIsWrong() {
        ReviewFixture.taskWaits(stepFunctions);
        String link = run.link().pathAndQuery();
        Map<String, List<String>> good = form("approve", "ana@example.com", List.of("memory-0"));
        String digest = good.get("planDigest").get(0);
        String otherDigest = "sha256:" + "0".repeat(64);

        record Case(String what, Map<String, List<String>> form, int status, String says) {
        }
        List<Case> cases = List.of(
                new Case("no CSRF token", Map.of("planDigest", List.of(digest), "decision", List.of("approve"),
                        "approver", List.of("ana"), "item", List.of("memory-0")), 403, "security token"),
                new Case("a token of another page", with(good, "csrf", run.signer.csrfToken("2026-11-09-other", digest)), 403, "security token"),
                new Case("a plan that changed", with(with(good, "planDigest", otherDigest), "csrf",
                        run.signer.csrfToken(ReviewFixture.RUN_ID, otherDigest)), 409, "The plan changed"),
                new Case("no approver", with(good, "approver", "   "), 400, "approver: enter your name or email"),
                new Case("an approver over two lines", with(good, "approver", "ana\nbob"), 400, "one line"),
                new Case("an item not in the plan", with(good, "item", "memory-99"), 400, "item: 'memory-99' is not a change"),
                new Case("a report-only item", with(good, "item", "runtime-0"), 400, "item: 'runtime-0' is not a change"),
                new Case("nothing ticked", with(good, "item", null), 400, "Tick at least one change"),
                new Case("no decision", with(good, "decision", "maybe"), 400, "decision: must be"));

        for (Case c : cases) {
            HttpAnswer answer = submit(link, c.form());
            assertEquals(c.status(), answer.status(), c.what());
            assertTrue(answer.html().replace("&#39;", "'").contains(c.says()), c.what() + ": " + answer.html());
            assertTrue(answer.html().contains("Nothing was changed"), c.what());
        }
        assertEquals(0, stepFunctions.getAllServeEvents().size());
        assertNull(run.approvals.find(ReviewFixture.RUN_ID).orElseThrow().decision());
    }

    private static Map<String, List<String>> with(Map<String, List<String>> form, String name, String value) {
        Map<String, List<String>> changed = new java.util.LinkedHashMap<>(form);
        changed.put(name, value == null ? List.of() : List.of(value));
        return changed;
    }

    @Test
    void itemsAutoAppliedByPolicyAreShownButNotOfferedAgain(@TempDir Path other) {
        ReviewFixture.taskWaits(stepFunctions);
        try (ReviewFixture auto = new ReviewFixture(other, stepFunctions, ReviewFixture.plan("2026-11-02-auto", 3),
                List.of("retention-0", "retention-1"))) {
            String page = auto.endpoint.handle(call("GET", auto.link().pathAndQuery(), null)).html();

            assertTrue(page.contains("Approved by the account's policy, not asked here (2)"), page);
            assertFalse(page.contains("value=\"retention-0\""), "not a checkbox again");
            assertTrue(page.contains("value=\"retention-2\""));
        }
    }

    @Test
    void aLinkPastItsDeadlineStillShowsADecisionTakenInTime() {
        ReviewFixture.taskWaits(stepFunctions);
        assertEquals(200, submit(run.link().pathAndQuery(), form("approve", "ana@example.com", List.of("memory-0"))).status());
        run.clock.advance(Duration.ofDays(10));

        HttpAnswer visit = get(run.link().pathAndQuery());

        assertEquals(200, visit.status());
        assertTrue(visit.html().contains("was already decided"), visit.html());
    }

    @Test
    void aDecisionThatStepFunctionsRefusesIsSaidToBeRecordedButNotApplied() {
        stepFunctions.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(HEARTBEAT)).willReturn(ReviewFixture.ok()));
        stepFunctions.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(SUCCESS))
                .willReturn(ReviewFixture.error(400, "AccessDeniedException", "not authorized to perform: states:SendTaskSuccess")));

        HttpAnswer answer = submit(run.link().pathAndQuery(), form("approve", "ana@example.com", List.of("memory-0")));

        assertEquals(502, answer.status());
        assertTrue(answer.html().contains("Your decision did not reach the run") && answer.html().contains("Nothing was changed"),
                answer.html());
        assertTrue(answer.html().contains("states:SendTaskSuccess"), answer.html());
    }

    @Test
    void aPlanThatCannotBeReadGivesAPageNotAStackTrace() throws Exception {
        java.nio.file.Files.delete(dir.resolve("artifacts/runs/" + ReviewFixture.RUN_ID + "/plan.json"));

        HttpAnswer answer = get(run.link().pathAndQuery());

        assertEquals(500, answer.status());
        assertTrue(answer.html().contains("does not exist"), answer.html());
        assertFalse(answer.html().contains("at io.fleetopt"), "no stack trace");
        assertEquals(0, stepFunctions.getAllServeEvents().size());
    }
}
