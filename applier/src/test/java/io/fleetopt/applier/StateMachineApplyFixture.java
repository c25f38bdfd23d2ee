package io.fleetopt.applier;

import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionSettings;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A run on the demo account with a plan of memory changes and a decision, stored as the state machine finds them. */
final class StateMachineApplyFixture implements AutoCloseable {

    static final String RUN_ID = "2026-11-02-test";

    final DocumentCodec codec = new DocumentCodec();
    final DemoAccount account;
    final DirectoryArtifactStore store;
    final JsonLinesChangeLedger ledger;
    final DocumentStore artifacts;

    StateMachineApplyFixture(Path dir) {
        account = DemoAccount.open(dir, true, codec);
        store = new DirectoryArtifactStore(dir.resolve("artifacts"));
        ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec);
        artifacts = new DocumentStore(store, codec);
    }

    /** A memory change of a demo function, planned against its live revision. */
    Recommendation memoryChange(String functionName, Risk risk) {
        FunctionSettings live = account.read(DemoAccount.arnOf(functionName));
        return change(functionName, RecommendationKind.MEMORY, live.memoryMb() == 512 ? "256" : "512", risk);
    }

    /** A timeout change of a demo function, planned against its live revision. */
    Recommendation timeoutChange(String functionName, Risk risk) {
        FunctionSettings live = account.read(DemoAccount.arnOf(functionName));
        return change(functionName, RecommendationKind.TIMEOUT, live.timeoutSeconds() == 30 ? "20" : "30", risk);
    }

    private Recommendation change(String functionName, RecommendationKind kind, String proposed, Risk risk) {
        FunctionSettings live = account.read(DemoAccount.arnOf(functionName));
        return new Recommendation(kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + functionName,
                DemoAccount.arnOf(functionName), functionName, kind, live.valueOf(kind), proposed, risk, Action.APPLY,
                "test change", new BigDecimal("1.00"), List.of(), live.revisionId(), List.of());
    }

    private Plan storedPlan;

    String storePlan(List<Recommendation> items) {
        Plan plan = new Plan(Plan.SCHEMA_VERSION, RUN_ID, Instant.parse("2026-11-02T06:00:00Z"), items, List.of(),
                new PlanTotals(items.size(), items.size(), items.size(), 0, 0, BigDecimal.ONE, Map.of(), Map.of()), List.of());
        store.put(ArtifactKeys.plan(RUN_ID), codec.write(plan));
        storedPlan = plan;
        return ArtifactKeys.plan(RUN_ID);
    }

    String storeDecision(List<String> approved, List<String> rejected) {
        Decision decision = Decision.of(storedPlan, approved, rejected, "approver@example.com",
                Instant.parse("2026-11-02T09:00:00Z"));
        store.put(ArtifactKeys.decision(RUN_ID), codec.write(decision));
        return ArtifactKeys.decision(RUN_ID);
    }

    ApplyItemStage applyItemStage(FunctionConfigurator functions) {
        return new ApplyItemStage(new Applier(functions, ledger, account.clock()), artifacts, functions, ledger);
    }

    @Override
    public void close() {
        codec.close();
    }
}
