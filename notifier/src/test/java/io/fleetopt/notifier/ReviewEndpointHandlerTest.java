package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.model.ApprovalOutput;
import io.fleetopt.notifier.approval.FunctionUrlRequest;
import io.fleetopt.notifier.approval.FunctionUrlResponse;
import io.fleetopt.notifier.approval.LinkSigner;
import io.fleetopt.notifier.approval.PendingApproval;
import io.fleetopt.notifier.approval.PendingApprovals;
import io.fleetopt.notifier.approval.ReviewFixtures;
import io.fleetopt.notifier.approval.ReviewLink;
import io.fleetopt.notifier.approval.local.LocalTask;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review endpoint's Lambda handler on function URL events (payload format 2.0), wired on the demo account. */
class ReviewEndpointHandlerTest {

    private static final String RUN_ID = "2026-11-02-url";

    private static FunctionUrlRequest event(String method, ReviewLink link, String form) {
        String path = link.pathAndQuery().substring(0, link.pathAndQuery().indexOf('?'));
        String query = link.pathAndQuery().substring(link.pathAndQuery().indexOf('?') + 1);
        return new FunctionUrlRequest("2.0", path, query,
                Map.of("content-type", "application/x-www-form-urlencoded", "user-agent", "Mozilla/5.0 (phone)"),
                form == null ? null : Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)), form != null,
                new FunctionUrlRequest.RequestContext(new FunctionUrlRequest.Http(method, path, "198.51.100.23", "Mozilla/5.0 (phone)")));
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }

    @Test
    void rendersOnGetAndDecidesOnABase64FormPostAsTheLocalServerDoes(@TempDir Path stateDir) {
        Map<String, Object> demo = Map.of("fleetopt.account", "demo", "fleetopt.state-dir", stateDir.toString());
        try (ReviewEndpointHandler handler = new ReviewEndpointHandler(ApplicationContext.builder().properties(demo)
                .deduceEnvironment(false))) {
            ApplicationContext context = handler.getApplicationContext();
            DocumentCodec codec = context.getBean(DocumentCodec.class);
            Plan plan = ReviewFixtures.plan(RUN_ID, 3);
            context.getBean(ArtifactStore.class).put(ArtifactKeys.plan(RUN_ID), codec.write(plan));
            Clock clock = context.getBean(Clock.class);
            LocalTask task = context.getBean(LocalTask.class);
            String token = task.startWaiting(RUN_ID);
            PendingApproval pending = new PendingApproval(PendingApproval.SCHEMA_VERSION, RUN_ID, ArtifactKeys.plan(RUN_ID), token,
                    clock.instant(), clock.instant().plusSeconds(3600), null);
            context.getBean(PendingApprovals.class).open(pending);
            ReviewLink link = context.getBean(LinkSigner.class).link(RUN_ID, pending.expiresAt());

            FunctionUrlResponse page = handler.handleRequest(event("GET", link, null), null);
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().get("Content-Type"));
            assertEquals("no-referrer", page.headers().get("Referrer-Policy"));
            assertTrue(task.result(token).isEmpty(), "a GET answers nothing");

            String form = "csrf=" + URLEncoder.encode(hidden(page.body(), "csrf"), StandardCharsets.UTF_8)
                    + "&planDigest=" + URLEncoder.encode(hidden(page.body(), "planDigest"), StandardCharsets.UTF_8)
                    + "&approver=Ana+Lima&decision=approve&item=memory-1&item=timeout-2";
            FunctionUrlResponse decided = handler.handleRequest(event("POST", link, form), null);

            assertEquals(200, decided.statusCode(), decided.body());
            LocalTask.Result result = task.result(token).orElseThrow();
            assertTrue(result.succeeded());
            ApprovalOutput output = codec.read(result.output(), ApprovalOutput.class, "task output");
            assertEquals(2, output.approvedCount());
            assertTrue(output.decisionKey().startsWith("runs/" + RUN_ID + "/decisions/"), output.decisionKey());
            FunctionUrlResponse again = handler.handleRequest(event("POST", link, form), null);
            assertEquals(409, again.statusCode());
        }
    }

    @Test
    void readsAFunctionUrlEventAsLambdaDeliversItIgnoringTheFieldsItDoesNotUse(@TempDir Path stateDir) throws Exception {
        Map<String, Object> demo = Map.of("fleetopt.account", "demo", "fleetopt.state-dir", stateDir.toString());
        try (ReviewEndpointHandler handler = new ReviewEndpointHandler(ApplicationContext.builder().properties(demo)
                .deduceEnvironment(false))) {
            ApplicationContext context = handler.getApplicationContext();
            DocumentCodec codec = context.getBean(DocumentCodec.class);
            context.getBean(ArtifactStore.class).put(ArtifactKeys.plan(RUN_ID), codec.write(ReviewFixtures.plan(RUN_ID, 2)));
            Clock clock = context.getBean(Clock.class);
            LocalTask task = context.getBean(LocalTask.class);
            String token = task.startWaiting(RUN_ID);
            context.getBean(PendingApprovals.class).open(new PendingApproval(PendingApproval.SCHEMA_VERSION, RUN_ID,
                    ArtifactKeys.plan(RUN_ID), token, clock.instant(), clock.instant().plusSeconds(3600), null));
            ReviewLink link = context.getBean(LinkSigner.class).link(RUN_ID, clock.instant().plusSeconds(3600));
            String page = handler.handleRequest(event("GET", link, null), null).body();
            String form = "csrf=" + URLEncoder.encode(hidden(page, "csrf"), StandardCharsets.UTF_8)
                    + "&planDigest=" + URLEncoder.encode(hidden(page, "planDigest"), StandardCharsets.UTF_8)
                    + "&approver=ana%40example.com&decision=reject";
            String json = new String(getClass().getResourceAsStream("/aws/lambda-url/post-form-event.json").readAllBytes(),
                    StandardCharsets.UTF_8)
                    .replace("${RAW_PATH}", ReviewLink.PATH_PREFIX + RUN_ID)
                    .replace("${RAW_QUERY}", "expires=" + link.expiresEpochSecond() + "&sig=" + link.signature())
                    .replace("${EXPIRES}", String.valueOf(link.expiresEpochSecond())).replace("${SIG}", link.signature())
                    .replace("${BODY_BASE64}", Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)));

            FunctionUrlRequest event = context.getBean(io.micronaut.json.JsonMapper.class)
                    .readValue(json, io.micronaut.core.type.Argument.of(FunctionUrlRequest.class));
            FunctionUrlResponse answer = handler.handleRequest(event, null);

            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("nothing will change"));
            assertEquals("FAILED", task.result(token).orElseThrow().status());
            assertEquals("Approval.Rejected", task.result(token).orElseThrow().error());
            io.fleetopt.notifier.approval.DecisionTaken taken = context.getBean(PendingApprovals.class).find(RUN_ID).orElseThrow().decision();
            assertEquals("198.51.100.23", taken.sourceIp());
            assertTrue(taken.userAgent().startsWith("Mozilla/5.0 (iPhone;"), taken.userAgent());
            assertEquals("ana@example.com", taken.approver());
        }
    }
}
