package io.fleetopt.applier;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.IndexedPlans;
import io.fleetopt.core.port.ItemsFile;
import io.fleetopt.core.port.RunLease;
import io.fleetopt.core.port.EvidenceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ApplyItem on the lines of a decision over a run index: a line is applied through the member account applier of its
 * function ARN's (account, region) when that is a target of the index whose plan digest is the line's, and the
 * decision's digest is the index's; otherwise it is refused with nothing written. The demo account stands in for the
 * member account (123456789012 in us-east-1), opened as that target's adapters.
 */
class MemberLineApplyTest {

    private static final String DECISION = "runs/" + DemoRun.RUN_ID + "/decisions/1-ab.json";

    /** The deployment's own account: a member line must never reach it. */
    private static final FunctionConfigurator OWN_ACCOUNT = new FunctionConfigurator() {
        @Override
        public FunctionSettings read(String functionArn) {
            throw new AssertionError("read " + functionArn + " in the deployment's own account");
        }

        @Override
        public AccountConcurrency accountConcurrency(String functionArn) {
            throw new AssertionError("read the deployment's own account concurrency");
        }

        @Override
        public FunctionSettings update(String functionArn, RecommendationKind kind, String value, String expectedRevisionId) {
            throw new AssertionError("wrote " + functionArn + " in the deployment's own account");
        }
    };

    /** A run over two targets: the demo account in us-east-1 (with its items) and another account in eu-west-1. */
    private record MemberRun(DemoRun run, Plan plan, Plan otherPlan, RunIndex index, Decision decision, List<String> opened,
                             ApplyItemStage stage) {

        ItemLine line(String itemId) {
            return new ItemsFile(run.store, run.codec).read(decision.approvedItemsKey(), null, null).stream()
                    .filter(l -> l.item().id().equals(itemId)).findFirst().orElseThrow();
        }

        ApplyItemRequest request(ItemLine line) {
            return new ApplyItemRequest(DemoRun.RUN_ID, DECISION, decision.planDigest(), line);
        }
    }

    private static MemberRun memberRun(DemoRun run) {
        List<Recommendation> items = List.of(run.memoryCut("orders-api"), run.timeoutCut("orders-api"));
        Plan plan = plan(items);
        Recommendation elsewhere = moved(run.memoryCut("cart-service"), "eu-west-1", "210987654321");
        Plan otherPlan = plan(List.of(elsewhere));
        List<RunIndex.Entry> entries = new ArrayList<>();
        entries.add(entry(run, DemoAccount.ACCOUNT_ID, DemoAccount.REGION, plan));
        entries.add(entry(run, "210987654321", "eu-west-1", otherPlan));
        RunIndex index = RunIndex.of(DemoRun.RUN_ID, entries, List.of());
        run.artifacts.write(ArtifactKeys.index(DemoRun.RUN_ID), index);
        List<String> ids = new ArrayList<>(items.stream().map(Recommendation::id).toList());
        ids.add(elsewhere.id());
        Decision decision = new Decision(Decision.SCHEMA_VERSION, DemoRun.RUN_ID, PlanDigest.ofIndex(index), ids, List.of(),
                "Ana Lima", Instant.parse("2026-11-02T09:00:00Z"), null, null);
        Decision written = run.artifacts.writeDecision(DECISION, decision, index,
                IndexedPlans.read(run.artifacts, index), null);
        List<String> opened = new ArrayList<>();
        MemberAccountAppliers members = new MemberAccountAppliers((account, region) -> {
            opened.add(account + "/" + region);
            return new MemberAccountAppliers.Adapters(run.account, null);
        }, run.ledger, new ApplyGuards(DemoRun.GUARDS), run.account.clock());
        ApplyItemStage stage = new ApplyItemStage(new Applier(OWN_ACCOUNT, run.ledger, new ApplyGuards(DemoRun.GUARDS),
                run.account.clock(), StepHook.NONE), run.artifacts, new EvidenceFiles(run.store, run.codec), run.codec,
                RunLease.NONE, members);
        return new MemberRun(run, plan, otherPlan, index, written, opened, stage);
    }

    private static Plan plan(List<Recommendation> items) {
        return new Plan(Plan.SCHEMA_VERSION, DemoRun.RUN_ID, Instant.parse("2026-11-02T06:00:00Z"), items, List.of(),
                new PlanTotals(items.size(), items.size(), items.size(), 0, 0, BigDecimal.ONE, Map.of(), Map.of()), List.of());
    }

    private static RunIndex.Entry entry(DemoRun run, String account, String region, Plan plan) {
        io.fleetopt.core.model.CollectTarget target = new io.fleetopt.core.model.CollectTarget(account, region, null);
        String key = run.artifacts.write(ArtifactKeys.plan(DemoRun.RUN_ID, target), plan);
        return new RunIndex.Entry(account, region, ArtifactKeys.snapshot(DemoRun.RUN_ID, target), key, PlanDigest.of(plan),
                plan.items().size(), plan.items().size(), plan.applicableItems().size(), new BigDecimal(plan.items().size()));
    }

    /** The item as if its function were in {@code account}'s {@code region}. */
    private static Recommendation moved(Recommendation item, String region, String account) {
        String arn = item.functionArn().replace(DemoAccount.REGION + ":" + DemoAccount.ACCOUNT_ID + ":", region + ":" + account + ":");
        return new Recommendation(item.id() + "-" + account, arn, item.functionName(), item.kind(), item.currentValue(),
                item.proposedValue(), item.risk(), item.action(), item.rationale(), item.monthlySavingUsd(), item.assumptions(),
                item.plannedRevisionId(), item.warnings());
    }

    @Test
    void anApprovedMemberLineIsAppliedThroughItsTargetsApplierOpenedOncePerAccountAndRegion(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            MemberRun members = memberRun(run);
            Recommendation memory = members.plan().items().get(0);
            Recommendation timeout = members.plan().items().get(1);

            ApplyItemResponse first = members.stage().apply(members.request(members.line(memory.id())));
            ApplyItemResponse second = members.stage().apply(members.request(members.line(timeout.id())));

            assertEquals(new ApplyItemResponse(memory.id(), ApplyStatus.APPLIED), first);
            assertEquals(new ApplyItemResponse(timeout.id(), ApplyStatus.APPLIED), second);
            assertEquals(memory.proposedValue(), run.account.read(memory.functionArn()).valueOf(RecommendationKind.MEMORY));
            assertEquals(List.of(DemoAccount.ACCOUNT_ID + "/" + DemoAccount.REGION), members.opened(),
                    "the member account's adapters are opened once and reused");
            assertTrue(run.ledger.entriesOfRun(DemoRun.RUN_ID).stream().allMatch(e -> e.functionArn().equals(memory.functionArn())
                    && DECISION.equals(e.decisionKey())), "the ledger records the function ARN (its account and region) and the decision");
        }
    }

    @Test
    void recordApplyResultGathersTheOutcomesOfTheDecisionOverTheIndex(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            MemberRun members = memberRun(run);
            Recommendation memory = members.plan().items().get(0);
            members.stage().apply(members.request(members.line(memory.id())));

            io.fleetopt.core.model.RunState recorded = new RecordApplyResultStage(run.store, run.codec, run.account.clock(),
                    RunLease.NONE).record(new RecordApplyResultRequest(io.fleetopt.core.model.RunState.start(DemoRun.RUN_ID)
                    .withPlan(ArtifactKeys.index(DemoRun.RUN_ID), 3, 3, BigDecimal.ONE),
                    io.fleetopt.core.model.ApprovalOutput.of(DECISION, members.decision()), null, null, null));

            io.fleetopt.core.model.ApplyResult result = run.artifacts.read(recorded.resultKey(),
                    io.fleetopt.core.model.ApplyResult.class, "result");
            assertEquals(List.of(ApplyStatus.APPLIED, ApplyStatus.FAILED, ApplyStatus.FAILED),
                    result.items().stream().map(io.fleetopt.core.model.ItemOutcome::status).toList(),
                    "the applied line, and the two whose iterations did not finish");
        }
    }

    /** A line of the decision, changed by {@code edit} and re-approved, is refused naming why; nothing is written. */
    private static void refused(DemoRun run, MemberRun members, Function<ItemLine, ItemLine> edit, String expected) {
        ItemLine line = edit.apply(members.line(members.plan().items().get(0).id()));
        RefusedItemLineException e = assertThrows(RefusedItemLineException.class, () -> members.stage().apply(members.request(line)));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().endsWith("(nothing was applied)"), e.getMessage());
        assertEquals(List.of(), run.ledger.entriesOfRun(DemoRun.RUN_ID));
        assertEquals(List.of(), members.opened(), "no member role was assumed for a refused line");
    }

    private static ItemLine withItem(ItemLine line, Recommendation item) {
        return ItemLine.planned(line.runId(), line.planDigest(), item).approvedBy(line.decisionKey(), line.approver());
    }

    @Test
    void aLineOfAnAccountThatIsNotATargetOfTheIndexIsRefused(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            MemberRun members = memberRun(run);
            refused(run, members, l -> withItem(l, moved(l.item(), DemoAccount.REGION, "999988887777")),
                    "account 999988887777 is not one of the run index's targets");
        }
    }

    @Test
    void aLineOfARegionThatIsNotATargetOfItsAccountIsRefused(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            MemberRun members = memberRun(run);
            refused(run, members, l -> withItem(l, moved(l.item(), "ap-south-1", DemoAccount.ACCOUNT_ID)),
                    "region ap-south-1 of account 123456789012 is not a target of the run index");
        }
    }

    @Test
    void aLineCarryingTheDigestOfAnotherTargetsPlanIsRefused(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            MemberRun members = memberRun(run);
            refused(run, members, l -> ItemLine.planned(l.runId(), PlanDigest.of(members.otherPlan()), l.item())
                            .approvedBy(l.decisionKey(), l.approver()),
                    "is '" + PlanDigest.of(members.otherPlan()) + "', but the plan of 123456789012/us-east-1 in the run index is '"
                            + PlanDigest.of(members.plan()) + "' (the line is of another plan)");
        }
    }

    @Test
    void aDecisionWhoseDigestIsNotTheIndexsIsRefused(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            MemberRun members = memberRun(run);
            ItemLine line = members.line(members.plan().items().get(0).id());
            String other = PlanDigest.ofText("another index");

            RefusedItemLineException e = assertThrows(RefusedItemLineException.class,
                    () -> members.stage().apply(new ApplyItemRequest(DemoRun.RUN_ID, DECISION, other, line)));

            assertTrue(e.getMessage().contains("the decision approved '" + other + "', but the run index's digest is '"
                    + PlanDigest.ofIndex(members.index()) + "'"), e.getMessage());
            assertEquals(List.of(), run.ledger.entriesOfRun(DemoRun.RUN_ID));
        }
    }

    @Test
    void withoutMemberRoleSettingsAMemberLineIsRefused(@TempDir Path dir) {
        try (DemoRun run = new DemoRun(dir)) {
            MemberRun members = memberRun(run);
            ApplyItemStage single = new ApplyItemStage(new Applier(OWN_ACCOUNT, run.ledger, new ApplyGuards(DemoRun.GUARDS),
                    run.account.clock(), StepHook.NONE), run.artifacts, new EvidenceFiles(run.store, run.codec), run.codec, RunLease.NONE);

            RefusedItemLineException e = assertThrows(RefusedItemLineException.class,
                    () -> single.apply(members.request(members.line(members.plan().items().get(0).id()))));

            assertTrue(e.getMessage().contains("no member role settings (fleetopt.organization.*)"), e.getMessage());
        }
    }
}
