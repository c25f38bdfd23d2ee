package io.fleetopt.applier;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.fleetopt.aws.DynamoDbChangeLedger;
import io.fleetopt.aws.LedgerTable;
import io.fleetopt.core.change.SettingKind;
import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills an applier at every step of an item (before its intent, after it, after the change, after the completion),
 * with the ledger in a local file and in DynamoDB Local, then recovers as {@code apply --run ID} does, and rolls
 * back (killed at the same step, then again). Each scenario ends with: every live change in the ledger, nothing
 * applied twice, nothing outside the guards, and the rollback restoring every setting exactly. The totals are printed
 * at the end ("fault-injection figures").
 */
class FaultInjectionTest {

    enum LedgerKind { LOCAL_FILE, DYNAMODB_LOCAL }

    private static AmazonDynamoDBLocal dynamoLocal;
    private static final Map<String, Integer> FIGURES = new LinkedHashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoLocal = DynamoDBEmbedded.create();
    }

    @AfterAll
    static void stopAndReport() {
        dynamoLocal.shutdownNow();
        System.out.println("fault-injection figures: " + FIGURES);
    }

    private static synchronized void count(String figure, int n) {
        FIGURES.merge(figure, n, Integer::sum);
    }

    /** Stands for the process dying at that point: not an exception anything in the applier catches. */
    static final class SimulatedKill extends Error {
        SimulatedKill(ApplyStep step) {
            super("killed " + step);
        }
    }

    static Stream<Arguments> killPoints() {
        List<Arguments> cases = new ArrayList<>();
        for (LedgerKind kind : LedgerKind.values()) {
            for (ApplyStep step : ApplyStep.values()) {
                cases.add(Arguments.of(step, kind));
            }
        }
        return cases.stream();
    }

    private DemoRun run(LedgerKind kind) {
        DemoRun run = new DemoRun(dir);
        if (kind == LedgerKind.DYNAMODB_LOCAL) {
            run.ledger = new DynamoDbChangeLedger(dynamoLocal.dynamoDbClient(), LedgerTable.create(dynamoLocal.dynamoDbClient()));
        }
        return run;
    }

    /** A batch: memory cuts on several functions, and a timeout and a retention change on a function that also gets one. */
    private static List<Recommendation> batch(DemoRun run) {
        List<Recommendation> items = new ArrayList<>(run.everyMemoryCut().subList(0, 6));
        items.add(run.timeoutCut(items.get(0).functionName()));
        items.add(run.item(items.get(1).functionName(), RecommendationKind.LOG_RETENTION, "30"));
        return items;
    }

    @ParameterizedTest(name = "killed {0}, ledger {1}")
    @MethodSource("killPoints")
    void aKillAtAnyStepLosesNoChangeAppliesNoneTwiceAndRollsBackExactly(ApplyStep step, LedgerKind kind) {
        try (DemoRun run = run(kind)) {
            List<Recommendation> items = batch(run);
            run.storePlan(items);
            run.approveAll();
            Map<String, FunctionSettings> original = liveSettings(run);
            RecordingConfigurator functions = new RecordingConfigurator(run.account);
            Recommendation victim = items.get(2);
            StepHook kill = (reached, runId, itemId) -> {
                if (reached == step && itemId.equals(victim.id())) {
                    throw new SimulatedKill(step);
                }
            };

            applyUntilKilled(run, functions, kill, items);
            Map<String, ApplyStatus> recovered = new HashMap<>();
            for (Recommendation item : items) {
                recovered.put(item.id(), run.applyItemStage(functions, StepHook.NONE).apply(run.request(item.id())).status());
            }

            assertTrue(recovered.values().stream().allMatch(s -> s == ApplyStatus.APPLIED || s == ApplyStatus.ALREADY_APPLIED), recovered.toString());
            int lost = changesMissingFromTheLedger(run, original);
            int twice = functions.appliedMoreThanOnce();
            int outside = changesOutsideTheGuards(run);
            assertEquals(0, lost, "changes lost");
            assertEquals(0, twice, "applied twice");
            assertEquals(0, outside, "outside the guards");
            for (Recommendation item : items) {
                assertEquals(1, run.ledger.entriesOfItem(DemoRun.RUN_ID, item.id()).stream()
                        .filter(e -> e.action() == LedgerAction.APPLIED).count(), item.id());
            }

            RecordingConfigurator undo = new RecordingConfigurator(run.account);
            try {
                run.rollback(undo, kill).rollback(DemoRun.RUN_ID, "bob", run.evidence());
            } catch (SimulatedKill killed) {
                // the rollback died at the same step; it is run again
            }
            RollbackResult again = run.rollback(undo, StepHook.NONE).rollback(DemoRun.RUN_ID, "bob", run.evidence());
            assertEquals(0, again.count(RollbackStatus.FAILED) + again.count(RollbackStatus.SKIPPED_CHANGED_SINCE), again.toString());
            assertEquals(original, liveSettings(run), "the rollback restores every setting exactly");
            assertEquals(0, undo.appliedMoreThanOnce(), "rolled back twice");
            count("scenarios", 1);
            count("items", items.size());
            count("changes lost", lost);
            count("applied twice", twice + undo.appliedMoreThanOnce());
            count("outside the guards", outside);
        }
    }

    @ParameterizedTest(name = "ledger {0}")
    @MethodSource("ledgers")
    void aTornLastLineOfTheIntentIsRepairedAndTheItemAppliedOnce(LedgerKind kind) throws Exception {
        try (DemoRun run = run(kind)) {
            List<Recommendation> items = batch(run);
            run.storePlan(items);
            run.approveAll();
            Map<String, FunctionSettings> original = liveSettings(run);
            RecordingConfigurator functions = new RecordingConfigurator(run.account);
            run.applyItemStage(functions, StepHook.NONE).apply(run.request(items.get(0).id()));
            if (kind == LedgerKind.LOCAL_FILE) {
                // the process died half-way through writing the next item's intent line
                Files.writeString(dir.resolve("ledger.jsonl"), "{\"runId\":\"" + DemoRun.RUN_ID + "\",\"itemId\":\"" + items.get(1).id()
                        + "\",\"functionArn\":\"arn:aws:lambda:us-e", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            for (Recommendation item : items) {
                run.applyItemStage(functions, StepHook.NONE).apply(run.request(item.id()));
            }
            assertEquals(0, changesMissingFromTheLedger(run, original));
            assertEquals(0, functions.appliedMoreThanOnce());
            if (run.ledger instanceof io.fleetopt.core.local.JsonLinesChangeLedger local) {
                assertEquals(1, local.repairs().size(), local.repairs().toString());
                assertTrue(local.repairs().get(0).contains("ended in a torn line"), local.repairs().get(0));
            }
            run.rollback(run.account, StepHook.NONE).rollback(DemoRun.RUN_ID, "bob", run.evidence());
            assertEquals(original, liveSettings(run));
            count("scenarios", 1);
            count("items", items.size());
        }
    }

    static Stream<LedgerKind> ledgers() {
        return Stream.of(LedgerKind.LOCAL_FILE);
    }

    @Test
    void anUnwritableLedgerStopsEveryChangeBeforeItIsMade() throws Exception {
        try (DemoRun run = run(LedgerKind.LOCAL_FILE)) {
            List<Recommendation> items = run.everyMemoryCut();
            run.storePlan(items);
            run.approveAll();
            Map<String, FunctionSettings> original = liveSettings(run);
            Files.createDirectories(dir.resolve("ledger.jsonl"));
            RecordingConfigurator functions = new RecordingConfigurator(run.account);
            for (Recommendation item : items) {
                assertEquals(ApplyStatus.FAILED, run.applyItemStage(functions, StepHook.NONE).apply(run.request(item.id())).status());
            }
            assertEquals(original, liveSettings(run));
            assertEquals(0, functions.updates.size());
            count("scenarios", 1);
            count("items", items.size());
        }
    }

    private static void applyUntilKilled(DemoRun run, FunctionConfigurator functions, StepHook kill, List<Recommendation> items) {
        try {
            for (Recommendation item : items) {
                run.applyItemStage(functions, kill).apply(run.request(item.id()));
            }
        } catch (SimulatedKill killed) {
            // the applier's process died here; recovery follows
        }
    }

    private static Map<String, FunctionSettings> liveSettings(DemoRun run) {
        Map<String, FunctionSettings> live = new LinkedHashMap<>();
        for (FunctionProfile f : run.snapshot.functions()) {
            FunctionSettings s = run.account.read(f.arn());
            // the revision moves with every change and its undo; the settings are what must come back
            live.put(f.arn(), new FunctionSettings(s.functionArn(), "-", s.memoryMb(), s.timeoutSeconds(), s.reservedConcurrency(),
                    s.tracingMode(), s.logRetentionDays(), s.tags()));
        }
        return live;
    }

    /** Settings that differ from the original without an APPLIED entry in the ledger that set them to that value. */
    private static int changesMissingFromTheLedger(DemoRun run, Map<String, FunctionSettings> original) {
        List<LedgerEntry> entries = run.ledger.entriesOfRun(DemoRun.RUN_ID);
        int missing = 0;
        for (Map.Entry<String, FunctionSettings> f : original.entrySet()) {
            FunctionSettings now = run.account.read(f.getKey());
            for (SettingKind kind : SettingKinds.ALL) {
                String live = kind.liveValue(now);
                if (!live.equals(kind.liveValue(f.getValue())) && entries.stream().noneMatch(e -> e.functionArn().equals(f.getKey())
                        && e.kind() == kind.kind() && e.action() == LedgerAction.APPLIED && e.after().equals(live))) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /** Live memory below the guards' floor, or a value outside AWS's limits, on any function. */
    private static int changesOutsideTheGuards(DemoRun run) {
        int outside = 0;
        for (FunctionProfile f : run.snapshot.functions()) {
            FunctionSettings now = run.account.read(f.arn());
            Integer used = f.metrics().maxMemoryUsedMb();
            if (now.memoryMb() < f.config().memoryMb() && (used == null
                    || now.memoryMb() < ApplyGuards.memoryFloorMb(used, GuardSettings.DEFAULT_HEADROOM_PERCENT))) {
                outside++;
            }
            for (SettingKind kind : SettingKinds.ALL) {
                if (kind.limitProblem(kind.liveValue(now)).isPresent()) {
                    outside++;
                }
            }
        }
        return outside;
    }

    /** The demo account, recording each update that went through, by function and setting. */
    static final class RecordingConfigurator implements FunctionConfigurator {
        private final FunctionConfigurator account;
        final Map<String, AtomicInteger> updates = new ConcurrentHashMap<>();

        RecordingConfigurator(FunctionConfigurator account) {
            this.account = account;
        }

        @Override
        public FunctionSettings read(String functionArn) {
            return account.read(functionArn);
        }

        @Override
        public AccountConcurrency accountConcurrency(String functionArn) {
            return account.accountConcurrency(functionArn);
        }

        @Override
        public FunctionSettings update(String functionArn, RecommendationKind kind, String value, String expectedRevisionId) {
            FunctionSettings after = account.update(functionArn, kind, value, expectedRevisionId);
            updates.computeIfAbsent(functionArn + "#" + kind, k -> new AtomicInteger()).incrementAndGet();
            return after;
        }

        int appliedMoreThanOnce() {
            return (int) updates.values().stream().filter(n -> n.get() > 1).count();
        }
    }
}
