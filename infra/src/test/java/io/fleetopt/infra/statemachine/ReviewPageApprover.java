package io.fleetopt.infra.statemachine;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.notifier.approval.LinkSigner;
import io.fleetopt.notifier.approval.PendingApprovals;
import io.fleetopt.notifier.approval.ReviewEndpoint;
import io.fleetopt.notifier.approval.local.LocalReviewServer;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo account's approver, deciding on the real review page: finds the link in the approval email
 * RequestApproval left in the outbox, opens the page and submits its form to the real {@link ReviewEndpoint} served
 * on loopback. The endpoint answers the task through {@link BridgeTasks}, which stands in for Step Functions'
 * SendTaskSuccess / SendTaskFailure here; that answer is what the bridge gives the state machine.
 */
final class ReviewPageApprover implements HandlerBridge.ApprovalDesk, AutoCloseable {

    static final String APPROVER = "approver@example.com";

    private final Path stateDir;
    private final HandlerBridge.Approver approver;
    private final BridgeTasks tasks = new BridgeTasks();
    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalReviewServer server;
    private Supplier<ApplicationContext> requestApprovalContext;
    private ReviewEndpoint endpoint;

    ReviewPageApprover(Path stateDir, HandlerBridge.Approver approver) {
        this.stateDir = stateDir;
        this.approver = approver;
        this.server = new LocalReviewServer((io.fleetopt.notifier.approval.HttpCall call) -> endpoint().handle(call));
    }

    /** Where the review page is served: RequestApproval's {@code fleetopt.approval.review-url}. */
    String baseUrl() {
        return server.baseUrl();
    }

    /** The endpoint runs on the RequestApproval handler's own beans (its key, approvals, documents, clock). */
    synchronized void useBeansOf(Supplier<ApplicationContext> requestApprovalContext) {
        this.requestApprovalContext = requestApprovalContext;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String answer(Map<String, Object> payload) throws IOException {
        if (approver == HandlerBridge.Approver.NEVER_ANSWERS) {
            return HandlerBridge.pending();
        }
        String runId = (String) ((Map<String, Object>) payload.get("run")).get("runId");
        String token = (String) payload.get("taskToken");
        tasks.waitFor(token);
        String link = reviewLink(runId);
        try {
            String page = http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            List<String> offered = matches(page, "name=\"item\" checked id=\"[^\"]+\" value=\"([^\"]+)\"");
            List<String> ticked = switch (approver) {
                case APPROVES_EVERYTHING -> offered;
                case APPROVES_TWO -> offered.subList(0, 2);
                default -> List.of();
            };
            StringBuilder form = new StringBuilder("csrf=" + encode(matches(page, "name=\"csrf\" value=\"([^\"]+)\"").get(0))
                    + "&planDigest=" + encode(matches(page, "name=\"planDigest\" value=\"([^\"]+)\"").get(0))
                    + "&approver=" + encode(APPROVER) + "&decision="
                    + (approver == HandlerBridge.Approver.REJECTS ? "reject" : "approve"));
            ticked.forEach(id -> form.append("&item=").append(encode(id)));
            HttpResponse<String> decided = http.send(HttpRequest.newBuilder(URI.create(link))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (decided.statusCode() != 200) {
                throw new IllegalStateException("the review page refused the decision (" + decided.statusCode() + "): " + decided.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted on the review page", e);
        }
        BridgeTasks.Answer answer = tasks.answerOf(token);
        return answer.error() == null ? "{\"output\":" + answer.output() + "}"
                : HandlerBridge.error(new HandlerBridge.TaskError(answer.error(), answer.cause()));
    }

    /** The review link of the approval email in the outbox. */
    private String reviewLink(String runId) throws IOException {
        String email = Files.readString(stateDir.resolve("outbox").resolve(runId + "-approval-request.txt"));
        List<String> links = matches(email, "(" + Pattern.quote(server.baseUrl()) + "/review/\\S+)");
        if (links.size() != 1) {
            throw new IllegalStateException("the approval email has " + links.size() + " review links: " + email);
        }
        return links.get(0);
    }

    private static List<String> matches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private synchronized ReviewEndpoint endpoint() {
        if (endpoint == null) {
            if (requestApprovalContext == null) {
                throw new IllegalStateException("the review page was opened before RequestApproval ran");
            }
            ApplicationContext context = requestApprovalContext.get();
            DocumentCodec codec = context.getBean(DocumentCodec.class);
            endpoint = new ReviewEndpoint(context.getBean(LinkSigner.class), context.getBean(PendingApprovals.class), tasks,
                    new DocumentStore(context.getBean(ArtifactStore.class), codec), codec, context.getBean(Clock.class),
                    "123456789012 (demo)");
        }
        return endpoint;
    }

    @Override
    public void close() {
        server.close();
    }
}
