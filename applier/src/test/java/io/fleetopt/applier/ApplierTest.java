package io.fleetopt.applier;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Applying items through ApplyItem, the one apply path, and rolling them back, on the demo account. */
class ApplierTest {

    @TempDir
    Path dir;

    private static String arn(String name) {
        return DemoAccount.arnOf(name);
    }

    private static ApplyStatus apply(DemoRun run, Recommendation item) {
        return run.applyItemStage().apply(run.request(item.id())).status();
    }

    @Test
    void appliesSeveralItemsOnOneFunctionWritingEachIntentBeforeItsChange() {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation memory = run.memoryCut("orders-api");
            Recommendation timeout = run.timeoutCut("orders-api");
            Recommendation retention = run.item("orders-api", RecommendationKind.LOG_RETENTION, "30");
            run.storePlan(List.of(memory, timeout, retention));
            run.approveAll();
            for (Recommendation item : List.of(memory, timeout, retention)) {
                assertEquals(ApplyStatus.APPLIED, apply(run, item), item.id());
            }
            FunctionSettings live = run.account.read(arn("orders-api"));
            assertEquals(memory.proposedValue(), Integer.toString(live.memoryMb()));
            assertEquals(timeout.proposedValue(), Integer.toString(live.timeoutSeconds()));
            assertEquals(30, live.logRetentionDays());
            List<LedgerAction> actions = run.ledger.entriesOfRun(DemoRun.RUN_ID).stream().map(LedgerEntry::action).toList();
            assertEquals(List.of(LedgerAction.INTENT, LedgerAction.APPLIED, LedgerAction.INTENT, LedgerAction.APPLIED,
                    LedgerAction.INTENT, LedgerAction.APPLIED), actions);
            assertEquals("3008", run.ledger.entriesOfRun(DemoRun.RUN_ID).get(0).before());
            assertEquals("approver@example.com", run.ledger.entriesOfRun(DemoRun.RUN_ID).get(0).actor());
        }
    }

    @Test
    void theIntentIsDurableAndTheFunctionUntouchedWhenTheChangeIsAboutToBeMade() {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation memory = run.memoryCut("orders-api");
            run.storePlan(List.of(memory));
            run.approveAll();
            StepHook check = (step, runId, itemId) -> {
                if (step == ApplyStep.AFTER_INTENT) {
                    ChangeLedger fresh = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), run.codec);
                    assertEquals(List.of(LedgerAction.INTENT), fresh.entriesOfItem(runId, itemId).stream().map(LedgerEntry::action).toList());
                    assertEquals(3008, run.account.read(arn("orders-api")).memoryMb());
                }
            };
            assertEquals(ApplyStatus.APPLIED, run.applyItemStage(run.account, check).apply(run.request(memory.id())).status());
        }
    }

    @Test
    void aSecondApplyReportsAlreadyAppliedAndChangesNothing() {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation memory = run.memoryCut("orders-api");
            run.storePlan(List.of(memory));
            run.approveAll();
            apply(run, memory);
            String revision = run.account.read(arn("orders-api")).revisionId();
            assertEquals(ApplyStatus.ALREADY_APPLIED, apply(run, memory));
            assertEquals(revision, run.account.read(arn("orders-api")).revisionId());
            assertEquals(2, run.ledger.entriesOfRun(DemoRun.RUN_ID).size());
        }
    }

    @Test
    void skipsAnItemWhoseFunctionChangedSinceItWasPlannedAndWritesNothing() {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation memory = run.memoryCut("orders-api");
            run.storePlan(List.of(memory));
            run.approveAll();
            run.account.update(arn("orders-api"), RecommendationKind.TIMEOUT, "60", run.account.read(arn("orders-api")).revisionId());
            assertEquals(ApplyStatus.SKIPPED_DRIFT, apply(run, memory));
            assertEquals(3008, run.account.read(arn("orders-api")).memoryMb());
            assertTrue(run.ledger.entriesOfRun(DemoRun.RUN_ID).isEmpty());
        }
    }

    @Test
    void itemsOfAPlanEditedAfterPlanningAreRefusedByTheGuardsAndNothingAboutThemIsWritten() {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation ok = run.memoryCut("cart-service");
            Recommendation memoryTooLow = run.item("orders-api", RecommendationKind.MEMORY, "128");
            Recommendation ownFunction = run.item("fleetopt-collector", RecommendationKind.MEMORY, "1024");
            Recommendation skipped = run.item("legacy-batch", RecommendationKind.LOG_RETENTION, "30");
            Recommendation retention = run.item("inventory-sync", RecommendationKind.LOG_RETENTION, "4");
            Recommendation named = run.item("user-profile-api", RecommendationKind.LOG_RETENTION, "30");
            Recommendation mismatched = new Recommendation(named.id(), arn("payments-webhook"), named.functionName(),
                    named.kind(), named.currentValue(), named.proposedValue(), named.risk(), named.action(), named.rationale(),
                    named.monthlySavingUsd(), named.assumptions(), named.plannedRevisionId(), named.warnings());
            List<Recommendation> tampered = List.of(memoryTooLow, ownFunction, skipped, retention, mismatched);
            run.storePlan(List.of(ok, memoryTooLow, ownFunction, skipped, retention, mismatched));
            run.approveAll();
            List<FunctionSettings> before = run.snapshot.functions().stream().map(f -> run.account.read(f.arn())).toList();

            for (Recommendation item : tampered) {
                assertEquals(ApplyStatus.SKIPPED_GUARD, apply(run, item), item.id());
            }

            assertEquals(before, run.snapshot.functions().stream().map(f -> run.account.read(f.arn())).toList());
            assertTrue(run.ledger.entriesOfRun(DemoRun.RUN_ID).isEmpty());
            ItemOutcome outcome = run.artifacts.find(ArtifactKeys.outcome(DemoRun.RUN_ID, mismatched.id()), ItemOutcome.class).orElseThrow();
            assertEquals("the ARN names function payments-webhook but the item names user-profile-api", outcome.reason());
            assertEquals(ApplyStatus.APPLIED, apply(run, ok));
        }
    }

    @Test
    void refusesAnApprovedLineEditedAfterTheDecisionAndAppliesNothing() throws Exception {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation memory = run.memoryCut("orders-api");
            run.storePlan(List.of(memory));
            run.approveAll();
            Path itemsFile = Path.of(run.store.locate(run.decision().approvedItemsKey()));
            Files.writeString(itemsFile, Files.readString(itemsFile).replace("\"proposedValue\":\"" + memory.proposedValue() + "\"",
                    "\"proposedValue\":\"1024\""));
            io.fleetopt.core.model.ItemLine edited = run.approvedLines().get(0);
            assertEquals("1024", edited.item().proposedValue());

            RefusedItemLineException e = assertThrows(RefusedItemLineException.class,
                    () -> run.applyItemStage().apply(run.request(edited)));
            assertTrue(e.getMessage().contains("the item changed after it was approved"), e.getMessage());
            InvalidDocumentException whole = assertThrows(InvalidDocumentException.class, () -> ApprovedItems.of(
                    new io.fleetopt.core.port.ItemsFile(run.store, run.codec), ArtifactKeys.decision(DemoRun.RUN_ID), run.decision()));
            assertTrue(whole.getMessage().endsWith("the items changed after they were approved (nothing was applied)"), whole.getMessage());
            assertEquals(3008, run.account.read(arn("orders-api")).memoryMb());
            assertTrue(run.ledger.entriesOfRun(DemoRun.RUN_ID).isEmpty());
        }
    }

    @Test
    void withTheLedgerUnwritableNothingIsChanged() throws Exception {
        try (DemoRun run = new DemoRun(dir)) {
            List<Recommendation> items = run.everyMemoryCut();
            run.storePlan(items);
            run.approveAll();
            Files.createDirectories(dir.resolve("ledger.jsonl"));
            List<FunctionSettings> before = run.snapshot.functions().stream().map(f -> run.account.read(f.arn())).toList();
            for (Recommendation item : items) {
                assertEquals(ApplyStatus.FAILED, apply(run, item), item.id());
            }
            assertEquals(before, run.snapshot.functions().stream().map(f -> run.account.read(f.arn())).toList());
            assertTrue(items.size() >= 10, "a batch worth the name: " + items.size());
        }
    }

    @Test
    void rollbackRestoresExactlyTheRecordedBeforeValuesNewestFirstAndOnlyOnce() {
        try (DemoRun run = new DemoRun(dir)) {
            FunctionSettings original = run.account.read(arn("orders-api"));
            Recommendation memory = run.memoryCut("orders-api");
            Recommendation timeout = run.timeoutCut("orders-api");
            Recommendation retention = run.item("orders-api", RecommendationKind.LOG_RETENTION, "30");
            run.storePlan(List.of(memory, timeout, retention));
            run.approveAll();
            List.of(memory, timeout, retention).forEach(item -> apply(run, item));

            RollbackResult result = run.rollback(run.account, StepHook.NONE).rollback(DemoRun.RUN_ID, "bob", run.evidence());

            assertEquals(3, result.count(RollbackStatus.RESTORED), result.toString());
            assertEquals(retention.id(), result.items().get(0).itemId());
            FunctionSettings restored = run.account.read(arn("orders-api"));
            assertEquals(List.of(original.memoryMb(), original.timeoutSeconds()), List.of(restored.memoryMb(), restored.timeoutSeconds()));
            assertEquals(original.logRetentionDays(), restored.logRetentionDays());
            RollbackResult again = run.rollback(run.account, StepHook.NONE).rollback(DemoRun.RUN_ID, "bob", run.evidence());
            assertEquals(3, again.count(RollbackStatus.ALREADY_RESTORED));
            assertEquals(restored, run.account.read(arn("orders-api")));
        }
    }

    @Test
    void rollbackRefusesBeforeValuesEditedInTheLedgerAndWritesNothing() throws Exception {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation memory = run.memoryCut("orders-api");
            Recommendation timeout = run.timeoutCut("orders-api");
            run.storePlan(List.of(memory, timeout));
            run.approveAll();
            apply(run, memory);
            apply(run, timeout);
            Path file = dir.resolve("ledger.jsonl");
            String edited = Files.readString(file).replaceAll("\"before\":\"3008\"", "\"before\":\"64\"")
                    .replaceAll("\"before\":\"" + timeout.currentValue() + "\"", "\"before\":\"100000\"");
            Files.writeString(file, edited);
            FunctionSettings changed = run.account.read(arn("orders-api"));

            RollbackResult result = run.rollback(run.account, StepHook.NONE).rollback(DemoRun.RUN_ID, "bob", run.evidence());

            assertEquals(2, result.count(RollbackStatus.SKIPPED_GUARD), result.toString());
            assertEquals(changed, run.account.read(arn("orders-api")));
            assertTrue(result.items().stream().anyMatch(i -> "memory '64' is not a whole number of MB from 128 to 10240".equals(i.reason())));
        }
    }

    @Test
    void rollbackLeavesASettingSomeoneChangedSince() {
        try (DemoRun run = new DemoRun(dir)) {
            Recommendation memory = run.memoryCut("orders-api");
            run.storePlan(List.of(memory));
            run.approveAll();
            apply(run, memory);
            run.account.update(arn("orders-api"), RecommendationKind.MEMORY, "1024", run.account.read(arn("orders-api")).revisionId());
            RollbackResult result = run.rollback(run.account, StepHook.NONE).rollback(DemoRun.RUN_ID, "bob", run.evidence());
            assertEquals(RollbackStatus.SKIPPED_CHANGED_SINCE, result.items().get(0).status());
            assertEquals(1024, run.account.read(arn("orders-api")).memoryMb());
        }
    }

    @Test
    void rollbackOfAnUnknownRunSaysSo() {
        try (DemoRun run = new DemoRun(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run.rollback(run.account, StepHook.NONE).rollback("nope", "bob", run.evidence()));
            assertEquals("the change ledger has no changes of run 'nope'", e.getMessage());
        }
    }

    @Test
    void anUnreadableLedgerIsNotTakenForAnEmptyOne() throws Exception {
        try (DemoRun run = new DemoRun(dir)) {
            Files.createDirectories(dir.resolve("ledger.jsonl"));
            assertThrows(UncheckedIOException.class, () -> run.ledger.entriesOfRun("any"));
        }
    }
}
