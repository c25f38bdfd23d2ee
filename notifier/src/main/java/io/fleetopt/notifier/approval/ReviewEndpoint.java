package io.fleetopt.notifier.approval;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApprovalOutput;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.IndexedPlans;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The approver's side of RequestApproval, the same code behind the Lambda function URL and the local server.
 * A GET only renders (mail scanners prefetch links): it reads and sends nothing. A POST with the page's CSRF token
 * decides: the link's signature and expiry, the plan it was shown, the live task (SendTaskHeartbeat) and the
 * single-use record of the decision are all checked before the run is resumed with exactly the ticked items. A run
 * over member accounts is decided the same way on its index, presented as one plan ({@link IndexReviewPage}).
 */
public final class ReviewEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewEndpoint.class);

    static final int MAX_APPROVER_CHARS = 200;
    private static final String RUN_ID = "[A-Za-z0-9_-]{1,80}";

    private final LinkSigner signer;
    private final PendingApprovals approvals;
    private final TaskCallback tasks;
    private final DocumentStore documents;
    private final DocumentCodec codec;
    private final Clock clock;
    private final String account;

    public ReviewEndpoint(LinkSigner signer, PendingApprovals approvals, TaskCallback tasks, DocumentStore documents,
                          DocumentCodec codec, Clock clock, String account) {
        this.signer = signer;
        this.approvals = approvals;
        this.tasks = tasks;
        this.documents = documents;
        this.codec = codec;
        this.clock = clock;
        this.account = account;
    }

    public HttpAnswer handle(HttpCall call) {
        try {
            return answer(call);
        } catch (RuntimeException e) {
            // the approver gets a page, not a stack trace; the log keeps the whole failure
            LOG.error("review endpoint failed on {} {}", call.method(), call.path(), e);
            return NoticePages.refused(500, "The review page could not be shown", "fleetopt could not read what it needs: "
                    + e.getMessage() + ". Try the link again in a minute; if it keeps failing, the operators see this in "
                    + "the review endpoint's log.");
        }
    }

    private HttpAnswer answer(HttpCall call) {
        if (!call.path().startsWith(ReviewLink.PATH_PREFIX)) {
            return NoticePages.refused(404, "Page not found", "There is no page at this address. Open the review link "
                    + "from the approval email.");
        }
        String runId = URLDecoder.decode(call.path().substring(ReviewLink.PATH_PREFIX.length()), StandardCharsets.UTF_8);
        Long expires = epochSeconds(call.query().get("expires"));
        if (!runId.matches(RUN_ID) || expires == null || !signer.isSigned(runId, expires, call.query().get("sig"))) {
            return NoticePages.refused(403, "This link is not valid", "Its signature does not match: the link was altered, "
                    + "cut short, or not made by fleetopt. Open the review link from the approval email again.");
        }
        ReviewLink link = new ReviewLink(runId, expires, call.query().get("sig"));
        Optional<ApprovalRecord> found = approvals.find(runId);
        if (found.isEmpty()) {
            return NoticePages.refused(404, "No approval is pending for run " + runId,
                    "fleetopt has no record of this run waiting for approval.");
        }
        ApprovalRecord record = found.get();
        boolean post = "POST".equalsIgnoreCase(call.method());
        if (!post && !"GET".equalsIgnoreCase(call.method()) && !"HEAD".equalsIgnoreCase(call.method())) {
            return NoticePages.refused(405, "Method not allowed", "The review page answers GET (to show the plan) and POST "
                    + "(its form), nothing else.");
        }
        if (record.decision() != null) {
            return NoticePages.alreadyDecided(post ? 409 : 200, runId, record.decision());
        }
        Instant now = clock.instant();
        Instant deadline = record.pending().expiresAt().isBefore(link.expiresAt()) ? record.pending().expiresAt() : link.expiresAt();
        if (!now.isBefore(deadline)) {
            return NoticePages.refused(410, "This review link has expired", "The approval of run " + runId + " had to be "
                    + "decided before " + deadline + "; the run ended unchanged. Next week's run proposes its changes again.");
        }
        if (ArtifactKeys.isIndex(record.pending().planKey())) {
            return indexRun(record.pending(), link, post, call, now);
        }
        DocumentStore.Versioned<Plan> shown = documents.readVersioned(record.pending().planKey(), Plan.class, "plan");
        Plan plan = shown.document();
        String digest = PlanDigest.of(plan);
        if (!post) {
            return new HttpAnswer(200, ReviewPage.render(plan, record.pending(), autoApproved(record.pending()), link,
                    signer.csrfToken(runId, digest), digest, account));
        }
        return decide(record.pending(), digest, ReviewPage.awaitingApproval(plan, autoApproved(record.pending())),
                (key, decision) -> documents.writeDecision(key, decision, plan, shown.versionId()),
                FormData.parse(call.body()), call, now);
    }

    /**
     * A run over member accounts: the approver decides on its index as one plan. The digest shown and checked is the
     * index's (which binds each target plan's digest); each target plan is checked against its entry before it is
     * shown or its items approved.
     */
    private HttpAnswer indexRun(PendingApproval pending, ReviewLink link, boolean post, HttpCall call, Instant now) {
        DocumentStore.Versioned<RunIndex> shown = documents.readVersioned(pending.planKey(), RunIndex.class, "run index");
        RunIndex index = shown.document();
        List<IndexedPlans.TargetPlan> plans = IndexedPlans.read(documents, index);
        String digest = PlanDigest.ofIndex(index);
        if (!post) {
            return new HttpAnswer(200, IndexReviewPage.render(index, plans, pending, link,
                    signer.csrfToken(pending.runId(), digest), digest));
        }
        return decide(pending, digest, IndexReviewPage.awaitingApproval(plans, pending),
                (key, decision) -> documents.writeDecision(key, decision, index, plans, shown.versionId()),
                FormData.parse(call.body()), call, now);
    }

    private HttpAnswer decide(PendingApproval pending, String digest, List<Recommendation> awaiting,
                              BiFunction<String, Decision, Decision> recordDecision, FormData form, HttpCall call, Instant now) {
        String runId = pending.runId();
        if (!signer.isCsrfToken(form.first("csrf"), runId, form.first("planDigest"))) {
            return NoticePages.refused(403, "This form did not come from the review page", "Its security token is missing "
                    + "or wrong. Open the review link from the approval email and decide on that page.");
        }
        if (!digest.equals(form.first("planDigest"))) {
            return NoticePages.refused(409, "The plan changed since the page was opened", "The page showed a different plan "
                    + "from the one run " + runId + " now holds. Open the review link again to see the current plan.");
        }
        String decision = form.first("decision");
        if (!"approve".equals(decision) && !"reject".equals(decision)) {
            return NoticePages.refused(400, "No decision in the form", "decision: must be 'approve' or 'reject' (the page's "
                    + "two buttons).");
        }
        String approver = form.first("approver") == null ? "" : form.first("approver").strip();
        if (approver.isEmpty() || approver.length() > MAX_APPROVER_CHARS || approver.chars().anyMatch(Character::isISOControl)) {
            return NoticePages.refused(400, "Your name or email is needed", "approver: enter your name or email (1 to "
                    + MAX_APPROVER_CHARS + " characters, one line); it is recorded with the decision. Go back and try again.");
        }
        Map<String, Recommendation> byId = awaiting.stream().collect(Collectors.toMap(Recommendation::id, Function.identity()));
        Set<String> ticked = new LinkedHashSet<>();
        for (String id : form.all("item")) {
            if (!byId.containsKey(id)) {
                return NoticePages.refused(400, "Not a change of this plan", "item: '" + id + "' is not a change of run "
                        + runId + " awaiting approval. Go back and decide on the page's changes.");
            }
            ticked.add(id);
        }
        boolean reject = "reject".equals(decision);
        if (!reject && ticked.isEmpty()) {
            return NoticePages.refused(400, "No change ticked", "Tick at least one change to approve, or use 'Reject all'. "
                    + "Go back and try again.");
        }
        List<Recommendation> approved = reject ? List.of() : awaiting.stream().filter(i -> ticked.contains(i.id())).toList();
        List<String> approvedIds = approved.stream().map(Recommendation::id).toList();
        List<String> rejectedIds = awaiting.stream().map(Recommendation::id).filter(id -> !approvedIds.contains(id)).toList();

        if (!tasks.isWaiting(pending.taskToken())) {
            return runEnded(runId);
        }
        // The document goes under a key of its own first; only the conditional write that wins names it, so a
        // concurrent POST that loses cannot overwrite the decision that is applied.
        String decisionKey = io.fleetopt.core.port.ArtifactKeys.decisions(runId) + now.toEpochMilli() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".json";
        // the approved items go beside it as JSON Lines, pinned in it by digest and S3 version: what the Map applies
        Decision recorded = recordDecision.apply(decisionKey, new Decision(Decision.SCHEMA_VERSION, runId, digest, approvedIds,
                rejectedIds, approver, now, call.sourceIp(), call.userAgent()));
        DecisionTaken taken = new DecisionTaken(approver, now, approvedIds.size(), rejectedIds.size(), call.sourceIp(),
                call.userAgent(), decisionKey);
        if (!approvals.recordOnce(runId, taken)) {
            return approvals.find(runId).map(ApprovalRecord::decision)
                    .map(d -> NoticePages.alreadyDecided(409, runId, d))
                    .orElseGet(() -> runEnded(runId));
        }
        try {
            if (reject) {
                tasks.fail(pending.taskToken(), "Approval.Rejected", "rejected by " + approver + " on the review page");
                return NoticePages.rejected(runId, approver, rejectedIds.size());
            }
            tasks.succeed(pending.taskToken(), codec.writeLine(ApprovalOutput.of(decisionKey, recorded)));
            return NoticePages.approved(runId, approver, approved, rejectedIds.size());
        } catch (TaskEndedException e) {
            return runEnded(runId);
        } catch (RuntimeException e) {
            LOG.error("run {}: the decision {} is recorded but did not reach Step Functions", runId, decisionKey, e);
            return new HttpAnswer(502, Html.document("Your decision did not reach the run", "<h1>Your decision did not reach "
                    + "the run</h1><div class=\"notice\"><p>It is recorded (" + Html.escape(decisionKey) + "), but Step Functions "
                    + "did not take it: " + Html.escape(e.getMessage()) + ".</p><p>Nothing was changed. The run keeps waiting "
                    + "until its deadline; an operator can resume it with this decision.</p></div>"));
        }
    }

    private java.util.Set<String> autoApproved(PendingApproval pending) {
        return io.fleetopt.notifier.AutoApprovedItems.ids(documents, pending.runId(), pending.autoDecisionKey());
    }

    private static HttpAnswer runEnded(String runId) {
        return NoticePages.refused(410, "This run already ended", "Run " + runId + " no longer waits for a decision (it "
                + "timed out or was stopped), so your decision cannot reach it.");
    }

    private static Long epochSeconds(String text) {
        if (text == null || !text.matches("\\d{1,12}")) {
            return null;
        }
        return Long.parseLong(text);
    }
}
