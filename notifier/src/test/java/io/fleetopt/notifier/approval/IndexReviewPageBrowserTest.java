package io.fleetopt.notifier.approval;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ItemsFile;
import io.fleetopt.core.testing.HeadlessChromium;
import io.fleetopt.notifier.Money;
import io.fleetopt.notifier.approval.local.LocalReviewServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.fleetopt.notifier.approval.ReviewFixture.SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The review page of a run over member accounts in headless Chromium (JavaScript off), served on loopback by the real
 * endpoint (Step Functions on the wire: WireMock): what the approver sees of the index (totals, a row per (account,
 * region), each change under its account and region, the targets not collected), and the form, which posts what the
 * endpoint takes: the approved lines are exactly the ticked changes, each with its target plan's digest.
 */
class IndexReviewPageBrowserTest {

    private static final String RUN = "2026-11-02-org";
    private static final Path SCREENSHOT = Path.of("target/screenshots/index-review-page.png").toAbsolutePath();
    private static final List<CollectTarget> TARGETS = List.of(new CollectTarget("210987654321", "us-east-1", null),
            new CollectTarget("210987654321", "eu-west-1", null), new CollectTarget("333344445555", "eu-west-1", null),
            new CollectTarget("333344445555", "ap-southeast-2", null));

    @RegisterExtension
    static WireMockExtension stepFunctions = ReviewFixture.stepFunctionsServer();

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void anApproverSeesTheIndexAsOnePlanAndApprovesWhatTheyTickAcrossAccounts() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.installed();
        ReviewFixture.taskWaits(stepFunctions);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        try (ReviewFixture run = new ReviewFixture(dir, stepFunctions, ReviewFixtures.plan(RUN, 1), List.of())) {
            List<Plan> plans = new ArrayList<>();
            List<RunIndex.Entry> entries = new ArrayList<>();
            for (int i = 0; i < TARGETS.size(); i++) {
                Plan plan = ReviewFixtures.memberPlan(RUN, TARGETS.get(i).accountId(), TARGETS.get(i).region(), 3 + 2 * i);
                plans.add(plan);
                entries.add(ReviewFixtures.indexEntry(run.documents, RUN, TARGETS.get(i), plan));
            }
            List<RunIndex.FailedTarget> failed = List.of(
                    new RunIndex.FailedTarget("999988887777", "us-east-1", "io.fleetopt.aws.MemberRoleDeniedException",
                            "cannot assume arn:aws:iam::999988887777:role/fleetopt-member in account 999988887777 (AccessDenied)"),
                    new RunIndex.FailedTarget("999988887777", "eu-west-1", "States.Timeout", null));
            RunIndex index = RunIndex.of(RUN, entries, failed);
            run.documents.write(ArtifactKeys.index(RUN), index);
            run.approvals.open(new PendingApproval(PendingApproval.SCHEMA_VERSION, RUN, ArtifactKeys.index(RUN),
                    ReviewFixture.TASK_TOKEN, ReviewFixture.REQUESTED_AT, ReviewFixture.REQUESTED_AT.plus(ReviewFixture.TIMEOUT), null));
            List<Recommendation> awaiting = plans.stream().flatMap(p -> p.applicableItems().stream()).toList();
            List<String> untick = List.of(plans.get(0).applicableItems().get(0).id(), plans.get(2).applicableItems().get(3).id(),
                    plans.get(3).applicableItems().getLast().id());

            try (LocalReviewServer server = new LocalReviewServer(run.endpoint)) {
                ReviewLink link = run.link();
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("link", link.url(server.baseUrl()));
                args.put("origin", server.baseUrl());
                args.put("untick", untick);
                args.put("approver", "Ana Lima (ana@example.com)");
                args.put("screenshot", SCREENSHOT.toString());
                JsonMapper json = JsonMapper.createDefault();

                String out = chromium.run(Path.of("src/test/resources/browser/index-review.mjs"), 120, json.writeValueAsString(args));
                Map<String, Object> seen = json.readValue(out, Argument.mapOf(String.class, Object.class));

                Map<String, Object> opened = (Map<String, Object>) seen.get("opened");
                assertEquals(200, opened.get("status"));
                assertEquals("Review the plan of run " + RUN, opened.get("heading"));
                BigDecimal saving = awaiting.stream().map(Recommendation::monthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals("fleetopt review: " + awaiting.size() + " changes, " + Money.usd(saving) + "/month (run " + RUN + ")",
                        opened.get("title"));
                assertTrue(((String) seen.get("intro")).startsWith("2 accounts and 3 regions (4 account-region pairs). "
                        + "Nothing changes until you approve."), (String) seen.get("intro"));
                long findings = plans.stream().flatMap(p -> p.items().stream()).filter(i -> i.action() == io.fleetopt.core.model.Action.REPORT_ONLY).count();
                long leftAlone = plans.stream().mapToLong(p -> p.skipped().size()).sum();
                assertEquals(List.of(
                        List.of(String.valueOf(awaiting.size()), "changes to approve"),
                        List.of(Money.usd(saving) + "/mo", "their estimated saving"),
                        List.of(String.valueOf(index.totals().functionCount()), "functions"),
                        List.of(String.valueOf(findings), "findings for owners"),
                        List.of(String.valueOf(leftAlone), "functions left alone"),
                        List.of("2", "account-region pairs not collected")), seen.get("totals"));

                List<List<String>> rows = new ArrayList<>();
                List<Map<String, Object>> groups = new ArrayList<>();
                for (int i = 0; i < TARGETS.size(); i++) {
                    List<Recommendation> its = plans.get(i).applicableItems();
                    rows.add(List.of(TARGETS.get(i).accountId(), TARGETS.get(i).region(), String.valueOf(entries.get(i).functionCount()),
                            String.valueOf(its.size()), Money.usd(its.stream().map(Recommendation::monthlySavingUsd)
                                    .reduce(BigDecimal.ZERO, BigDecimal::add)) + "/mo"));
                    List<Map<String, Object>> items = new ArrayList<>();
                    ReviewPage.byFunction(its).forEach((function, changes) -> changes.forEach(item -> items.add(Map.of("id", item.id(),
                            "checked", true, "function", function + " \u00b7 " + Money.usd(changes.stream().map(Recommendation::monthlySavingUsd)
                                    .reduce(BigDecimal.ZERO, BigDecimal::add)) + "/mo",
                            "what", item.kind().label() + ": " + SettingValues.display(item.kind(), item.currentValue()) + " \u2192 "
                                    + SettingValues.display(item.kind(), item.proposedValue())))));
                    groups.add(Map.of("heading", TARGETS.get(i).accountId() + " " + TARGETS.get(i).region() + " (" + its.size() + ")",
                            "items", items));
                }
                assertEquals(rows, seen.get("targetRows"), "one row per (account, region) of the index");
                assertEquals(groups, seen.get("groups"), "every change, ticked, under its account and region, by function");
                assertEquals(List.of("999988887777 us-east-1: io.fleetopt.aws.MemberRoleDeniedException \u00b7 cannot assume "
                                + "arn:aws:iam::999988887777:role/fleetopt-member in account 999988887777 (AccessDenied)",
                        "999988887777 eu-west-1: States.Timeout"), seen.get("notCollected"));

                Map<String, Object> form = (Map<String, Object>) seen.get("form");
                assertEquals("post", form.get("method"), "a GET never decides (mail scanners pre-fetch links)");
                assertEquals(link.pathAndQuery(), form.get("action"));
                Map<String, Object> hidden = (Map<String, Object>) form.get("hidden");
                assertEquals(Set.of("csrf", "planDigest"), hidden.keySet());
                assertEquals(PlanDigest.ofIndex(index), hidden.get("planDigest"), "the form carries the index's digest");
                assertEquals(List.of(List.of("decision", "approve", "Approve selected"), List.of("decision", "reject", "Reject all")),
                        form.get("buttons"));
                assertEquals(true, form.get("approverRequired"));

                Map<String, Object> approved = (Map<String, Object>) seen.get("approved");
                assertEquals(200, approved.get("status"));
                int ticked = awaiting.size() - untick.size();
                assertEquals("Approved: " + ticked + " changes will be applied", approved.get("heading"));
                assertEquals(1, ReviewFixture.calls(stepFunctions, SUCCESS).size());
                DecisionTaken taken = run.approvals.find(RUN).orElseThrow().decision();
                Decision decision = run.documents.read(taken.decisionKey(), Decision.class, "decision");
                assertEquals(PlanDigest.ofIndex(index), decision.planDigest());
                assertEquals("Ana Lima (ana@example.com)", taken.approver());
                List<ItemLine> lines = new ItemsFile(run.store, run.codec).read(decision.approvedItemsKey(), null, decision.approvedItemsDigest());
                List<String> expectedIds = new ArrayList<>();
                List<String> expectedDigests = new ArrayList<>();
                for (int i = 0; i < TARGETS.size(); i++) {
                    for (Recommendation item : ReviewPage.byFunction(plans.get(i).applicableItems()).values().stream().flatMap(List::stream).toList()) {
                        if (!untick.contains(item.id())) {
                            expectedIds.add(item.id());
                            expectedDigests.add(PlanDigest.of(plans.get(i)));
                        }
                    }
                }
                assertEquals(Set.copyOf(expectedIds), Set.copyOf(lines.stream().map(l -> l.item().id()).toList()),
                        "exactly the ticked changes, across the accounts");
                assertEquals(ticked, lines.size());
                for (ItemLine line : lines) {
                    assertEquals(expectedDigests.get(expectedIds.indexOf(line.item().id())), line.planDigest(), line.item().id());
                }
                assertEquals(Set.copyOf(untick), Set.copyOf(decision.rejectedItemIds()));
                assertEquals(List.of(), seen.get("externalRequests"), "the page loads nothing from anywhere else");
                assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot kept at " + SCREENSHOT);
            }
        }
    }
}
