package io.fleetopt.applier;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.DecisionWriter;
import io.fleetopt.core.port.EvidenceFiles;
import io.fleetopt.core.port.ItemsFile;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.RunLease;
import io.fleetopt.core.scope.Scope;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run on the demo account as the state machine finds it: the run's snapshot collected from the account and stored,
 * items planned against it (within the guards unless a test tampers with them), the plan and a decision stored.
 */
final class DemoRun implements AutoCloseable {

    static final String RUN_ID = "2026-11-02-test";
    static final GuardSettings GUARDS = GuardSettings.forScope(List.of(DemoAccount.REGION), Scope.everything());

    final DocumentCodec codec = new DocumentCodec();
    final Path dir;
    final DemoAccount account;
    final DirectoryArtifactStore store;
    final DocumentStore artifacts;
    final FleetSnapshot snapshot;
    ChangeLedger ledger;
    private Plan storedPlan;
    private Decision storedDecision;

    DemoRun(Path dir) {
        this.dir = dir;
        account = DemoAccount.open(dir, true, codec);
        store = new DirectoryArtifactStore(dir.resolve("artifacts"));
        artifacts = new DocumentStore(store, codec);
        ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec);
        snapshot = account.collect(new CollectRequest(RUN_ID, List.of(DemoAccount.REGION), 14, Scope.everything()));
        artifacts.write(ArtifactKeys.snapshot(RUN_ID), snapshot);
        new EvidenceFiles(store, codec).writeAll(snapshot);
    }

    FunctionProfile profile(String name) {
        return snapshot.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    /** A memory cut to the guards' floor rounded up to 64 MB. */
    Recommendation memoryCut(String functionName) {
        FunctionProfile f = profile(functionName);
        int floor = ApplyGuards.memoryFloorMb(f.metrics().maxMemoryUsedMb(), GuardSettings.DEFAULT_HEADROOM_PERCENT);
        int proposed = (floor + 63) / 64 * 64;
        if (proposed >= f.config().memoryMb()) {
            throw new IllegalArgumentException(functionName + " has no memory to cut");
        }
        return item(functionName, RecommendationKind.MEMORY, Integer.toString(proposed));
    }

    /** A timeout cut to twice the longest invocation (above the guards' 1.5 times). */
    Recommendation timeoutCut(String functionName) {
        FunctionProfile f = profile(functionName);
        int proposed = (int) Math.ceil(f.metrics().durationMaxMs() * 2 / 1000.0);
        return item(functionName, RecommendationKind.TIMEOUT, Integer.toString(proposed));
    }

    Recommendation item(String functionName, RecommendationKind kind, String proposed) {
        FunctionSettings live = account.read(DemoAccount.arnOf(functionName));
        return new Recommendation(kind.name().toLowerCase(Locale.ROOT) + "-" + functionName, DemoAccount.arnOf(functionName),
                functionName, kind, live.valueOf(kind), proposed, Risk.LOW, Action.APPLY, "test change", new BigDecimal("1.00"),
                List.of(), live.revisionId(), List.of());
    }

    /** Memory cuts on every demo function the guards allow one on, for the batch tests. */
    List<Recommendation> everyMemoryCut() {
        List<Recommendation> items = new ArrayList<>();
        for (FunctionProfile f : snapshot.functions()) {
            if (f.config().isOptimizersOwn() || f.config().taggedSkip() || f.metrics().maxMemoryUsedMb() == null) {
                continue;
            }
            int floor = ApplyGuards.memoryFloorMb(f.metrics().maxMemoryUsedMb(), GuardSettings.DEFAULT_HEADROOM_PERCENT);
            if ((floor + 63) / 64 * 64 < f.config().memoryMb()) {
                items.add(memoryCut(f.name()));
            }
        }
        return items;
    }

    String storePlan(List<Recommendation> items) {
        Plan plan = new Plan(Plan.SCHEMA_VERSION, RUN_ID, Instant.parse("2026-11-02T06:00:00Z"), items, List.of(),
                new PlanTotals(items.size(), items.size(), items.size(), 0, 0, BigDecimal.ONE, Map.of(), Map.of()), List.of());
        artifacts.write(ArtifactKeys.plan(RUN_ID), plan);
        storedPlan = plan;
        return ArtifactKeys.plan(RUN_ID);
    }

    Plan plan() {
        return storedPlan;
    }

    String storeDecision(List<String> approved, List<String> rejected) {
        Decision decision = Decision.of(storedPlan, approved, rejected, "approver@example.com", Instant.parse("2026-11-02T09:00:00Z"));
        storedDecision = new DecisionWriter(store, codec).write(ArtifactKeys.decision(RUN_ID), decision, storedPlan, null);
        return ArtifactKeys.decision(RUN_ID);
    }

    String approveAll() {
        return storeDecision(storedPlan.items().stream().map(Recommendation::id).toList(), List.of());
    }

    Applier applier(FunctionConfigurator functions, StepHook steps) {
        return new Applier(functions, ledger, new ApplyGuards(GUARDS), account.clock(), steps);
    }

    ApplyItemStage applyItemStage(FunctionConfigurator functions, StepHook steps) {
        return new ApplyItemStage(applier(functions, steps), artifacts, new EvidenceFiles(store, codec), codec, RunLease.NONE);
    }

    ApplyItemStage applyItemStage() {
        return applyItemStage(account, StepHook.NONE);
    }

    Rollback rollback(FunctionConfigurator functions, StepHook steps) {
        return new Rollback(functions, ledger, new ApplyGuards(GUARDS), account.clock(), steps);
    }

    RunEvidence evidence() {
        return RunEvidence.of(snapshot);
    }

    /** The approved items file of the stored decision, as the Map's ItemReader reads it. */
    List<ItemLine> approvedLines() {
        return new ItemsFile(store, codec).read(storedDecision.approvedItemsKey(), null, null);
    }

    /** The Map iteration of an approved item: its line of the decision's items file. */
    ApplyItemRequest request(String itemId) {
        ItemLine line = approvedLines().stream().filter(l -> l.item().id().equals(itemId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(itemId + " is not approved"));
        return request(line);
    }

    ApplyItemRequest request(ItemLine line) {
        return new ApplyItemRequest(RUN_ID, ArtifactKeys.decision(RUN_ID), storedDecision.planDigest(), line);
    }

    Decision decision() {
        return storedDecision;
    }

    @Override
    public void close() {
        codec.close();
    }
}
