package io.fleetopt.applier;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.demo.DemoAlias;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RollbackOutcome;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.port.AliasMove;
import io.fleetopt.core.port.AliasRouting;
import io.fleetopt.core.port.AliasRouter;
import io.fleetopt.core.port.AliasState;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change to a function invoked through an alias, on the demo account's aliases: $LATEST changed, a version published,
 * the alias moved as a canary (or, with provisioned concurrency, whole after warming the new version), promoted a day
 * later, and rolled back to exactly the route it had.
 */
class AliasApplyTest {

    @TempDir
    Path dir;

    private static DemoAlias alias(DemoRun run, String function) {
        return run.aliases.aliases().stream().filter(a -> a.functionName().equals(function)).findFirst().orElseThrow();
    }

    private static ItemOutcome apply(DemoRun run, Recommendation item) {
        return apply(run, run.aliases, item);
    }

    /** Applies through ApplyItem, and reads the outcome it stored. */
    private static ItemOutcome apply(DemoRun run, AliasRouter router, Recommendation item) {
        run.aliasApplyItemStage(router).apply(run.request(item.id()));
        return run.artifacts.read(io.fleetopt.core.port.ArtifactKeys.outcome(DemoRun.RUN_ID, item.id()), ItemOutcome.class, "outcome");
    }

    @Test
    void publishesAVersionAndGivesItTenPercentOfTheAliasThenPromotesItThenRollsBackExactly() {
        try (DemoRun run = new DemoRun(dir).withAliases()) {
            Recommendation memory = run.memoryCut("orders-api");
            run.storePlan(List.of(memory));
            run.approveAll();
            ItemOutcome outcome = apply(run, memory);
            assertEquals(ApplyStatus.APPLIED, outcome.status(), outcome.reason());
            assertEquals("published as version 2; alias live routes to 1 + 10 % to 2 until the next weekly run promotes it", outcome.reason());
            assertEquals(new AliasRouting("1", Map.of("2", 0.1)), alias(run, "orders-api").route());
            assertEquals(Integer.parseInt(memory.proposedValue()), alias(run, "orders-api").versions().getLast().memoryMb());
            LedgerEntry applied = run.ledger.latest(DemoRun.RUN_ID, memory.id()).orElseThrow();
            assertEquals(new AliasMove("live", "2", AliasRouting.to("1"), new AliasRouting("1", Map.of("2", 0.1)), null), applied.aliasMove());

            // not a day old yet: nothing promoted
            CanaryPromotion promotion = new CanaryPromotion(run.aliasRelease(), run.ledger, run.account.clock());
            assertEquals(List.of(), promotion.promote());
            run.account.advanceWeek();
            List<CanaryPromotion.Promotion> promoted = promotion.promote();
            assertEquals(List.of(new CanaryPromotion.Promotion("orders-api", "live", "2", true, "all of live now goes to version 2")), promoted);
            assertEquals(AliasRouting.to("2"), alias(run, "orders-api").route());
            assertEquals(List.of(), promotion.promote(), "promoting again changes nothing");

            RollbackResult rollback = run.aliasRollback().rollback(DemoRun.RUN_ID, "ops", run.evidence());
            assertEquals(List.of(RollbackStatus.RESTORED), rollback.items().stream().map(RollbackOutcome::status).toList());
            assertEquals(AliasRouting.to("1"), alias(run, "orders-api").route());
            assertEquals(3008, run.account.read(DemoAccount.arnOf("orders-api")).memoryMb());
            RollbackResult again = run.aliasRollback().rollback(DemoRun.RUN_ID, "ops", run.evidence());
            assertEquals(List.of(RollbackStatus.ALREADY_RESTORED), again.items().stream().map(RollbackOutcome::status).toList());
        }
    }

    @Test
    void provisionedConcurrencyFollowsTheAliasTheNewVersionWarmedFirstAndItsCopyRemovedAtPromotion() {
        try (DemoRun run = new DemoRun(dir).withAliases()) {
            Recommendation memory = run.memoryCut("search-warm");
            run.storePlan(List.of(memory));
            run.approveAll();
            ItemOutcome outcome = apply(run, memory);
            assertEquals(ApplyStatus.APPLIED, outcome.status(), outcome.reason());
            // Lambda refuses weights on an alias with provisioned concurrency: moved whole, to a version warmed first
            assertEquals(AliasRouting.to("2"), alias(run, "search-warm").route());
            assertEquals(Map.of("live", 20, "2", 20), alias(run, "search-warm").provisionedByQualifier());
            run.account.advanceWeek();
            new CanaryPromotion(run.aliasRelease(), run.ledger, run.account.clock()).promote();
            assertEquals(Map.of("live", 20), alias(run, "search-warm").provisionedByQualifier());
        }
    }

    @Test
    void twoMovesOfAnAliasWithProvisionedConcurrencyLeaveNoWarmCopyBehindOncePromoted() {
        try (DemoRun run = new DemoRun(dir).withAliases()) {
            Recommendation memory = run.memoryCut("search-warm");
            Recommendation timeout = run.timeoutCut("search-warm");
            run.storePlan(List.of(memory, timeout));
            run.approveAll();
            assertEquals(ApplyStatus.APPLIED, apply(run, memory).status());
            ItemOutcome second = apply(run, timeout);
            assertEquals("published as version 3; alias live moved to it whole, warmed by its own provisioned concurrency of 20"
                    + " until the next weekly run removes that copy", second.reason());
            assertEquals(Map.of("live", 20, "2", 20, "3", 20), alias(run, "search-warm").provisionedByQualifier());
            run.account.advanceWeek();
            new CanaryPromotion(run.aliasRelease(), run.ledger, run.account.clock()).promote();
            assertEquals(Map.of("live", 20), alias(run, "search-warm").provisionedByQualifier());
            assertEquals(AliasRouting.to("3"), alias(run, "search-warm").route());
        }
    }

    @Test
    void rollbackBeforePromotionRemovesTheWarmCopyAndPutsTheAliasBack() {
        try (DemoRun run = new DemoRun(dir).withAliases()) {
            Recommendation memory = run.memoryCut("search-warm");
            run.storePlan(List.of(memory));
            run.approveAll();
            apply(run, memory);
            run.aliasRollback().rollback(DemoRun.RUN_ID, "ops", run.evidence());
            assertEquals(AliasRouting.to("1"), alias(run, "search-warm").route());
            assertEquals(Map.of("live", 20), alias(run, "search-warm").provisionedByQualifier());
        }
    }

    @Test
    void twoItemsOnOneFunctionPublishTwoVersionsAndRollBackNewestFirstToTheOriginalRoute() {
        try (DemoRun run = new DemoRun(dir).withAliases()) {
            Recommendation memory = run.memoryCut("orders-api");
            Recommendation timeout = run.timeoutCut("orders-api");
            run.storePlan(List.of(memory, timeout));
            run.approveAll();
            assertEquals(ApplyStatus.APPLIED, apply(run, memory).status());
            ItemOutcome second = apply(run, timeout);
            assertEquals(ApplyStatus.APPLIED, second.status(), second.reason());
            assertEquals(new AliasRouting("1", Map.of("3", 0.1)), alias(run, "orders-api").route());
            run.aliasRollback().rollback(DemoRun.RUN_ID, "ops", run.evidence());
            assertEquals(AliasRouting.to("1"), alias(run, "orders-api").route());
        }
    }

    @Test
    void anAliasSomeoneMovedSincePlanningIsDriftAndNothingIsWritten() {
        try (DemoRun run = new DemoRun(dir).withAliases()) {
            Recommendation memory = run.memoryCut("orders-api");
            run.storePlan(List.of(memory));
            run.approveAll();
            AliasState live = run.aliases.alias(DemoAccount.arnOf("orders-api"), "live");
            run.aliases.route(DemoAccount.arnOf("orders-api"), "live", new AliasRouting("1", Map.of("1", 0.0)), live.revisionId());
            ItemOutcome outcome = apply(run, memory);
            assertEquals(ApplyStatus.SKIPPED_DRIFT, outcome.status());
            assertTrue(outcome.reason().contains("someone moved it since"), outcome.reason());
            assertEquals(3008, run.account.read(DemoAccount.arnOf("orders-api")).memoryMb());
            assertEquals(List.of(), run.ledger.entriesOfRun(DemoRun.RUN_ID));
        }
    }

    @Test
    void aPublicationRefusedForGoodPutsLatestBackAndAbandonsTheIntent() {
        try (DemoRun run = new DemoRun(dir).withAliases()) {
            Recommendation memory = run.memoryCut("orders-api");
            run.storePlan(List.of(memory));
            run.approveAll();
            AliasRouter refusing = new Forwarding(run.aliases) {
                @Override
                public String publish(String functionArn, String codeSha256, String revisionId, String description) {
                    throw new ChangeFailedException("CodeStorageExceededException", "Code storage limit exceeded", false, null);
                }
            };
            ItemOutcome outcome = apply(run, refusing, memory);
            assertEquals(ApplyStatus.FAILED, outcome.status());
            assertEquals("CodeStorageExceededException: Code storage limit exceeded; $LATEST put back to 3008 MB", outcome.reason());
            assertEquals(3008, run.account.read(DemoAccount.arnOf("orders-api")).memoryMb());
            assertEquals(AliasRouting.to("1"), alias(run, "orders-api").route());
            assertEquals(List.of(LedgerAction.INTENT, LedgerAction.ABANDONED),
                    run.ledger.entriesOfRun(DemoRun.RUN_ID).stream().map(LedgerEntry::action).toList());
        }
    }

    @Test
    void aTransientFailureAfterLatestChangedIsCompletedByTheRetryWithoutASecondVersion() {
        try (DemoRun run = new DemoRun(dir).withAliases()) {
            Recommendation memory = run.memoryCut("orders-api");
            run.storePlan(List.of(memory));
            run.approveAll();
            AliasRouter throttled = new Forwarding(run.aliases) {
                @Override
                public AliasState route(String functionArn, String alias, AliasRouting route, String revisionId) {
                    throw new ChangeFailedException("TooManyRequestsException", "Rate exceeded", true, null);
                }
            };
            // ApplyItem throws for the Map's retry, after storing the outcome
            org.junit.jupiter.api.Assertions.assertThrows(TransientApplyException.class,
                    () -> run.aliasApplyItemStage(throttled).apply(run.request(memory.id())));
            assertEquals(Integer.parseInt(memory.proposedValue()), run.account.read(DemoAccount.arnOf("orders-api")).memoryMb());
            assertEquals(List.of(LedgerAction.INTENT), run.ledger.entriesOfRun(DemoRun.RUN_ID).stream().map(LedgerEntry::action).toList());
            ItemOutcome retry = apply(run, memory);
            assertEquals(ApplyStatus.APPLIED, retry.status(), retry.reason());
            assertEquals(2, alias(run, "orders-api").versions().size(), "the retry published no second version");
            assertEquals(new AliasRouting("1", Map.of("2", 0.1)), alias(run, "orders-api").route());
        }
    }

    @Test
    void aCodeDeployDeploymentOrAnUnqualifiedFunctionIsNotMovedByTheApplier() {
        try (DemoRun run = new DemoRun(dir).withAliases()) {
            Recommendation plain = run.memoryCut("cart-service");
            run.storePlan(List.of(plain));
            run.approveAll();
            assertEquals(ApplyStatus.APPLIED, apply(run, plain).status());
            assertNull(run.ledger.latest(DemoRun.RUN_ID, plain.id()).orElseThrow().aliasMove());
        }
    }

    /** Forwards every call to the demo's aliases; a test overrides the one that fails. */
    private static class Forwarding implements AliasRouter {
        private final AliasRouter to;

        Forwarding(AliasRouter to) {
            this.to = to;
        }

        @Override public AliasState alias(String functionArn, String alias) { return to.alias(functionArn, alias); }
        @Override public String publish(String functionArn, String codeSha256, String revisionId, String description) {
            return to.publish(functionArn, codeSha256, revisionId, description);
        }
        @Override public AliasState route(String functionArn, String alias, AliasRouting route, String revisionId) {
            return to.route(functionArn, alias, route, revisionId);
        }
        @Override public Integer provisionedConcurrency(String functionArn, String qualifier) { return to.provisionedConcurrency(functionArn, qualifier); }
        @Override public void provision(String functionArn, String qualifier, int concurrency) { to.provision(functionArn, qualifier, concurrency); }
        @Override public void unprovision(String functionArn, String qualifier) { to.unprovision(functionArn, qualifier); }
    }
}
