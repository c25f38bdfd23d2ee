package io.fleetopt.applier;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.LedgerAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplierTest {

    private static final DocumentCodec CODEC = new DocumentCodec();

    @TempDir
    Path stateDir;

    private DemoAccount account;
    private JsonLinesChangeLedger ledger;
    private Applier applier;

    @AfterAll
    static void close() {
        CODEC.close();
    }

    @BeforeEach
    void openAccount() {
        account = DemoAccount.open(stateDir, true, CODEC);
        ledger = new JsonLinesChangeLedger(stateDir.resolve("ledger.jsonl"), CODEC);
        applier = new Applier(account, ledger, account.clock());
    }

    private Recommendation item(String function, RecommendationKind kind, String proposed) {
        FunctionSettings live = account.read(DemoAccount.arnOf(function));
        return new Recommendation(kind.name().toLowerCase() + "-" + function, DemoAccount.arnOf(function), function, kind,
                live.valueOf(kind), proposed, Risk.LOW, Action.APPLY, "because", BigDecimal.ONE, List.of(),
                live.revisionId(), List.of());
    }

    private static Plan plan(Recommendation... items) {
        return new Plan(Plan.SCHEMA_VERSION, "run-1", Instant.EPOCH, List.of(items), List.of(),
                new PlanTotals(items.length, items.length, items.length, 0, 0, BigDecimal.ZERO, Map.of(), Map.of()), List.of());
    }

    private static Decision approveAll(Plan plan) {
        return Decision.of(plan, plan.items().stream().map(Recommendation::id).toList(),
                List.of(), "ana@example.com", Instant.EPOCH);
    }

    private static ApplyStatus status(ApplyResult result, String itemId) {
        return result.items().stream().filter(i -> i.itemId().equals(itemId)).findFirst().orElseThrow().status();
    }

    @Test
    void appliesSeveralItemsOnOneFunctionWithoutTakingItsOwnChangeForDrift() {
        Plan plan = plan(item("orders-api", RecommendationKind.MEMORY, "832"), item("orders-api", RecommendationKind.TIMEOUT, "6"),
                item("orders-api", RecommendationKind.LOG_RETENTION, "30"));
        ApplyResult result = applier.apply(plan, approveAll(plan), "decision.json");
        assertEquals(3, result.count(ApplyStatus.APPLIED), result.toString());
        FunctionSettings live = account.read(DemoAccount.arnOf("orders-api"));
        assertEquals(832, live.memoryMb());
        assertEquals(6, live.timeoutSeconds());
        assertEquals(30, live.logRetentionDays());
        assertEquals(3, ledger.entriesOfRun("run-1").size());
        assertEquals("ana@example.com", ledger.entries().get(0).actor());
        assertEquals("3008", ledger.entries().get(0).before());
    }

    @Test
    void aSecondRunReportsAlreadyAppliedAndChangesNothing() {
        Plan plan = plan(item("orders-api", RecommendationKind.MEMORY, "832"));
        applier.apply(plan, approveAll(plan), "decision.json");
        String revision = account.read(DemoAccount.arnOf("orders-api")).revisionId();
        ApplyResult again = applier.apply(plan, approveAll(plan), "decision.json");
        assertEquals(ApplyStatus.ALREADY_APPLIED, status(again, "memory-orders-api"));
        assertEquals(revision, account.read(DemoAccount.arnOf("orders-api")).revisionId());
        assertEquals(1, ledger.entries().size());
    }

    @Test
    void skipsAnItemWhoseFunctionChangedSinceItWasPlanned() {
        Recommendation memory = item("orders-api", RecommendationKind.MEMORY, "832");
        String arn = DemoAccount.arnOf("orders-api");
        account.update(arn, RecommendationKind.TIMEOUT, "60", account.read(arn).revisionId());
        Plan plan = plan(memory);
        ApplyResult result = applier.apply(plan, approveAll(plan), "decision.json");
        assertEquals(ApplyStatus.SKIPPED_DRIFT, status(result, memory.id()));
        assertTrue(result.items().get(0).reason().contains("changed since it was planned"), result.items().get(0).reason());
        assertEquals(3008, account.read(arn).memoryMb());
        assertTrue(ledger.entries().isEmpty());
    }

    @Test
    void skipsAnItemWhoseValueSomeoneElseChanged() {
        Recommendation retention = item("orders-api", RecommendationKind.LOG_RETENTION, "30");
        String arn = DemoAccount.arnOf("orders-api");
        account.update(arn, RecommendationKind.LOG_RETENTION, "90", account.read(arn).revisionId());
        Plan plan = plan(retention);
        ItemOutcome outcome = applier.apply(plan, approveAll(plan), "decision.json").items().get(0);
        assertEquals(ApplyStatus.SKIPPED_DRIFT, outcome.status());
        assertEquals("log retention is now 90 days, planned against never expires", outcome.reason());
    }

    @Test
    void appliesOnlyTheApprovedItems() {
        Plan plan = plan(item("orders-api", RecommendationKind.MEMORY, "832"), item("cart-service", RecommendationKind.MEMORY, "256"));
        Decision onlyFirst = Decision.of(plan, List.of("memory-orders-api"), List.of("memory-cart-service"), "ana", Instant.EPOCH);
        ApplyResult result = applier.apply(plan, onlyFirst, "decision.json");
        assertEquals(1, result.items().size());
        assertEquals(3008, account.read(DemoAccount.arnOf("cart-service")).memoryMb());
    }

    @Test
    void refusesAPlanThatChangedAfterItWasApprovedAndAppliesNothing() {
        Plan approvedPlan = plan(item("orders-api", RecommendationKind.MEMORY, "832"));
        Decision decision = approveAll(approvedPlan);
        Plan edited = plan(item("orders-api", RecommendationKind.MEMORY, "128"));
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> applier.apply(edited, decision, "decision.json"));
        assertTrue(e.getMessage().contains("planDigest: is '" + decision.planDigest() + "'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("the plan changed after it was approved (nothing was applied)"), e.getMessage());
        assertEquals(3008, account.read(DemoAccount.arnOf("orders-api")).memoryMb());
    }

    @Test
    void refusesADecisionNamingAnItemThatIsNotInThePlanAndAppliesNothing() {
        Plan plan = plan(item("orders-api", RecommendationKind.MEMORY, "832"));
        Decision decision = Decision.of(plan, List.of("memory-orders-api", "memory-ghost"), List.of(), "ana", Instant.EPOCH);
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> applier.apply(plan, decision, "decision.json"));
        assertEquals("decision.json: approvedItemIds: 'memory-ghost' is not an item of plan run-1 (nothing was applied)", e.getMessage());
        assertEquals(3008, account.read(DemoAccount.arnOf("orders-api")).memoryMb());
    }

    @Test
    void refusesToApplyAReportOnlyItem() {
        Recommendation item = item("orders-api", RecommendationKind.MEMORY, "832");
        Recommendation reportOnly = new Recommendation(item.id(), item.functionArn(), item.functionName(), item.kind(),
                item.currentValue(), item.proposedValue(), item.risk(), Action.REPORT_ONLY, item.rationale(),
                item.monthlySavingUsd(), item.assumptions(), item.plannedRevisionId(), item.warnings());
        Plan plan = plan(reportOnly);
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> applier.apply(plan, approveAll(plan), "decision.json"));
        assertTrue(e.getMessage().contains("is report-only"), e.getMessage());
    }

    @Test
    void oneFailingItemDoesNotStopTheOthers() {
        FunctionConfigurator failingForCart = new FunctionConfigurator() {
            @Override
            public FunctionSettings read(String arn) {
                return account.read(arn);
            }

            @Override
            public FunctionSettings update(String arn, RecommendationKind kind, String value, String revision) {
                if (arn.endsWith(":cart-service")) {
                    throw new IllegalStateException("ServiceException: Lambda is unavailable");
                }
                return account.update(arn, kind, value, revision);
            }
        };
        Applier withFailure = new Applier(failingForCart, ledger, account.clock());
        Plan plan = plan(item("cart-service", RecommendationKind.MEMORY, "256"), item("orders-api", RecommendationKind.MEMORY, "832"));
        ApplyResult result = withFailure.apply(plan, approveAll(plan), "decision.json");
        assertEquals(ApplyStatus.FAILED, status(result, "memory-cart-service"));
        assertEquals(ApplyStatus.APPLIED, status(result, "memory-orders-api"));
        assertEquals("IllegalStateException: ServiceException: Lambda is unavailable", result.items().get(0).reason());
    }

    @Test
    void rollbackRestoresExactlyTheRecordedBeforeValuesNewestFirst() {
        FunctionSettings original = account.read(DemoAccount.arnOf("orders-api"));
        Plan plan = plan(item("orders-api", RecommendationKind.MEMORY, "832"), item("orders-api", RecommendationKind.TIMEOUT, "6"),
                item("orders-api", RecommendationKind.LOG_RETENTION, "30"));
        applier.apply(plan, approveAll(plan), "decision.json");
        RollbackResult result = new Rollback(account, ledger, account.clock()).rollback("run-1", "bob");
        assertEquals(3, result.count(RollbackStatus.RESTORED), result.toString());
        assertEquals("log_retention-orders-api", result.items().get(0).itemId());
        FunctionSettings restored = account.read(DemoAccount.arnOf("orders-api"));
        assertEquals(original.memoryMb(), restored.memoryMb());
        assertEquals(original.timeoutSeconds(), restored.timeoutSeconds());
        assertEquals(original.logRetentionDays(), restored.logRetentionDays());
        List<LedgerAction> actions = new ArrayList<>();
        ledger.entries().forEach(e -> actions.add(e.action()));
        assertEquals(List.of(LedgerAction.APPLIED, LedgerAction.APPLIED, LedgerAction.APPLIED,
                LedgerAction.ROLLED_BACK, LedgerAction.ROLLED_BACK, LedgerAction.ROLLED_BACK), actions);
        RollbackResult again = new Rollback(account, ledger, account.clock()).rollback("run-1", "bob");
        assertEquals(3, again.count(RollbackStatus.ALREADY_RESTORED));
    }

    @Test
    void rollbackLeavesASettingSomeoneChangedSince() {
        Plan plan = plan(item("orders-api", RecommendationKind.MEMORY, "832"));
        applier.apply(plan, approveAll(plan), "decision.json");
        String arn = DemoAccount.arnOf("orders-api");
        account.update(arn, RecommendationKind.MEMORY, "1024", account.read(arn).revisionId());
        RollbackResult result = new Rollback(account, ledger, account.clock()).rollback("run-1", "bob");
        assertEquals(RollbackStatus.SKIPPED_CHANGED_SINCE, result.items().get(0).status());
        assertEquals(1024, account.read(arn).memoryMb());
    }

    @Test
    void rollbackOfAnUnknownRunSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Rollback(account, ledger, account.clock()).rollback("nope", "bob"));
        assertEquals("the change ledger has no changes of run 'nope'", e.getMessage());
    }
}
