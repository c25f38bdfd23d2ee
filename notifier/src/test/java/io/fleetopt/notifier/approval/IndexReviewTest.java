package io.fleetopt.notifier.approval;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ItemsFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.fleetopt.notifier.approval.ReviewFixture.HEARTBEAT;
import static io.fleetopt.notifier.approval.ReviewFixture.SUCCESS;
import static io.fleetopt.notifier.approval.ReviewFixture.calls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The review endpoint on a run over member accounts: the approver decides on the run's index as one plan, and the
 * decision's lines are the targets' own, each with its target plan's digest. Step Functions answers on the wire
 * (WireMock).
 */
class IndexReviewTest {

    private static final String RUN = "2026-11-02-members";
    private static final CollectTarget A = new CollectTarget("210987654321", "us-east-1", null);
    private static final CollectTarget B = new CollectTarget("333344445555", "eu-west-1", null);

    @RegisterExtension
    static WireMockExtension stepFunctions = ReviewFixture.stepFunctionsServer();

    @TempDir
    Path dir;

    private ReviewFixture run;
    private Plan planA;
    private Plan planB;
    private RunIndex index;

    @BeforeEach
    void aRunOverTwoMemberAccountsWaitsForItsApprover() {
        run = new ReviewFixture(dir, stepFunctions, ReviewFixtures.plan(RUN, 1), List.of());
        planA = ReviewFixtures.memberPlan(RUN, A.accountId(), A.region(), 2);
        planB = ReviewFixtures.memberPlan(RUN, B.accountId(), B.region(), 3);
        index = RunIndex.of(RUN, List.of(entry(A, planA), entry(B, planB)), List.of(new RunIndex.FailedTarget(
                "999988887777", "us-east-1", "io.fleetopt.aws.MemberRoleDeniedException",
                "cannot assume arn:aws:iam::999988887777:role/fleetopt-member")));
        run.documents.write(ArtifactKeys.index(RUN), index);
        run.approvals.open(new PendingApproval(PendingApproval.SCHEMA_VERSION, RUN, ArtifactKeys.index(RUN),
                ReviewFixture.TASK_TOKEN, ReviewFixture.REQUESTED_AT, ReviewFixture.REQUESTED_AT.plus(ReviewFixture.TIMEOUT), null));
    }

    @AfterEach
    void close() {
        run.close();
    }

    private RunIndex.Entry entry(CollectTarget target, Plan plan) {
        return ReviewFixtures.indexEntry(run.documents, RUN, target, plan);
    }

    private HttpAnswer get() {
        return run.endpoint.handle(new HttpCall("GET", run.link().pathAndQuery().substring(0, run.link().pathAndQuery().indexOf('?')),
                query(), null, "203.0.113.7", "Mozilla/5.0 (test)"));
    }

    private Map<String, String> query() {
        String pq = run.link().pathAndQuery();
        return FormData.firstValues(pq.substring(pq.indexOf('?') + 1));
    }

    private HttpAnswer approve(List<String> ticked) {
        String page = get().html();
        StringBuilder body = new StringBuilder("csrf=" + enc(hidden(page, "csrf")) + "&planDigest=" + enc(hidden(page, "planDigest"))
                + "&decision=approve&approver=" + enc("Ana Lima"));
        ticked.forEach(id -> body.append("&item=").append(enc(id)));
        String pq = run.link().pathAndQuery();
        return run.endpoint.handle(new HttpCall("POST", pq.substring(0, pq.indexOf('?')), query(), body.toString(),
                "203.0.113.7", "Mozilla/5.0 (test)"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "the page has a hidden " + name);
        return m.group(1);
    }

    private static int count(String html, String needle) {
        return html.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void thePagePresentsTheIndexAsOnePlanWithItsTargetsEveryChangeAndTheFailedTargets() {
        HttpAnswer page = get();

        assertEquals(200, page.status(), page.html());
        String html = page.html();
        int changes = planA.applicableItems().size() + planB.applicableItems().size();
        assertTrue(html.contains("<h1>Review the plan of run " + RUN + "</h1>"), html);
        assertTrue(html.contains("2 accounts and 2 regions (2 account-region pairs)"), html);
        assertTrue(html.contains("<li><b>" + changes + "</b>changes to approve</li>"), html);
        assertTrue(html.contains("<tr><td>210987654321</td><td>us-east-1</td><td class=\"n\">4</td><td class=\"n\">6</td>"), html);
        assertTrue(html.contains("<tr><td>333344445555</td><td>eu-west-1</td><td class=\"n\">5</td><td class=\"n\">9</td>"), html);
        assertEquals(changes, count(html, "type=\"checkbox\" name=\"item\" checked"), "every change of both plans, ticked");
        assertTrue(html.contains("<h3>333344445555 eu-west-1 (9)</h3>"), html);
        assertTrue(html.contains("<h2>Not collected (1)</h2>") && html.contains("999988887777 us-east-1</b>: io.fleetopt.aws"
                + ".MemberRoleDeniedException"), html);
        assertEquals(PlanDigest.ofIndex(index), hidden(html, "planDigest"), "the form carries the index's digest");
        assertEquals(0, stepFunctions.getAllServeEvents().size(), "a GET sends nothing");
    }

    @Test
    void approvingWritesTheTargetsOwnLinesEachWithItsPlansDigestAndTheDecisionCarriesTheIndexDigest() {
        ReviewFixture.taskWaits(stepFunctions);
        String fromA = planA.applicableItems().get(0).id();
        String fromB = planB.applicableItems().get(4).id();

        HttpAnswer answer = approve(List.of(fromA, fromB));

        assertEquals(200, answer.status(), answer.html());
        assertEquals(1, calls(stepFunctions, HEARTBEAT).size());
        List<String> success = calls(stepFunctions, SUCCESS);
        assertEquals(1, success.size());
        DecisionTaken taken = run.approvals.find(RUN).orElseThrow().decision();
        Decision decision = run.documents.read(taken.decisionKey(), Decision.class, "decision");
        assertEquals(PlanDigest.ofIndex(index), decision.planDigest());
        assertTrue(success.get(0).contains(PlanDigest.ofIndex(index)), "the run is handed the index's digest: " + success.get(0));
        List<ItemLine> lines = new ItemsFile(run.store, run.codec).read(decision.approvedItemsKey(), null, decision.approvedItemsDigest());
        assertEquals(List.of(fromA, fromB), lines.stream().map(l -> l.item().id()).toList());
        assertEquals(List.of(PlanDigest.of(planA), PlanDigest.of(planB)), lines.stream().map(ItemLine::planDigest).toList());
        assertTrue(lines.stream().allMatch(l -> l.decisionKey().equals(taken.decisionKey()) && l.approver().equals("Ana Lima")
                && l.itemDigest().equals(PlanDigest.ofItem(l.item()))));
        List<String> rejected = new ArrayList<>();
        planA.applicableItems().forEach(i -> rejected.add(i.id()));
        planB.applicableItems().forEach(i -> rejected.add(i.id()));
        rejected.removeAll(List.of(fromA, fromB));
        assertEquals(rejected, decision.rejectedItemIds());
    }

    @Test
    void aTargetPlanChangedAfterIndexingIsNotShownAndNothingCanBeApproved() {
        ReviewFixture.taskWaits(stepFunctions);
        Plan edited = new Plan(planB.schemaVersion(), RUN, planB.createdAt(), planB.items().subList(1, planB.items().size()),
                planB.skipped(), planB.totals(), planB.warnings());
        run.documents.write(ArtifactKeys.plan(RUN, B), edited);

        HttpAnswer page = get();

        assertEquals(500, page.status());
        assertTrue(page.html().contains("the plan changed after it was indexed"), page.html());
        assertFalse(page.html().contains("type=\"checkbox\""));
        assertTrue(calls(stepFunctions, SUCCESS).isEmpty());
    }
}
