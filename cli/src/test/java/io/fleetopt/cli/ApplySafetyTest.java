package io.fleetopt.cli;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.local.StateDirLock;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The apply path's safety through the fleetopt command: tampered plans refused by the guards, a refused decision
 * that keeps the earlier one, one writer per state folder (threads and processes), and a run killed while it
 * applied, completed by {@code apply --run ID}.
 */
class ApplySafetyTest {

    private static final DocumentCodec CODEC = new DocumentCodec();

    @TempDir
    Path stateDir;

    @AfterAll
    static void close() {
        CODEC.close();
    }

    record Result(int exitCode, String out, String err) {
    }

    private Result fleetopt(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state-dir");
        all.add(stateDir.toString());
        int code = FleetoptCommand.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Plans on the demo account; returns the plan's file. */
    private Path plan() {
        Result plan = fleetopt("plan", "--demo", "--reset");
        Matcher m = Pattern.compile("plan kept in (\\S+)\\)").matcher(plan.err());
        assertTrue(m.find(), plan.err());
        return Path.of(m.group(1));
    }

    private static String runIdOf(Path planFile) {
        return planFile.getParent().getFileName().toString();
    }

    private Plan readPlan(Path planFile) throws Exception {
        return CODEC.read(Files.readString(planFile), Plan.class, planFile.toString());
    }

    private List<LedgerEntry> ledger(String runId) {
        return new JsonLinesChangeLedger(stateDir.resolve("ledger.jsonl"), CODEC).entriesOfRun(runId);
    }

    private String demoState() throws Exception {
        return Files.readString(stateDir.resolve(DemoAccount.STATE_FILE));
    }

    @Test
    void aPlanEditedAfterPlanningHasItsTamperedItemsRefusedByTheGuards() throws Exception {
        Path planFile = plan();
        Plan plan = readPlan(planFile);
        Recommendation memory = plan.applicableItems().stream()
                .filter(i -> i.kind() == RecommendationKind.MEMORY && i.functionName().equals("notifications-fanout")).findFirst().orElseThrow();
        String json = Files.readString(planFile);
        int at = json.indexOf("\"proposedValue\" : \"" + memory.proposedValue() + "\"", json.indexOf("\"" + memory.id() + "\""));
        String tampered = json.substring(0, at) + "\"proposedValue\" : \"128\""
                + json.substring(at + ("\"proposedValue\" : \"" + memory.proposedValue() + "\"").length());
        assertFalse(tampered.equals(json), "the plan file was edited");
        Files.writeString(planFile, tampered);

        Result apply = fleetopt("apply", "--demo", "--run", runIdOf(planFile), "--all");

        assertEquals(0, apply.exitCode(), apply.err());
        assertTrue(apply.out().contains("refused by a guard 1)"), apply.out());
        assertTrue(apply.out().contains("128 MB is below the max memory used, 180 MB, plus 20 % headroom (216 MB)"), apply.out());
        DemoAccount account = DemoAccount.open(stateDir, false, CODEC);
        assertEquals(3008, account.read(DemoAccount.arnOf("notifications-fanout")).memoryMb());
        assertTrue(ledger(runIdOf(planFile)).stream().noneMatch(e -> e.itemId().equals(memory.id())));
    }

    @Test
    void applyWithAScopeTagChangesNothingOutsideIt() {
        Path planFile = plan();
        Result apply = fleetopt("apply", "--demo", "--run", runIdOf(planFile), "--all", "--scope-tag", "env=prod");
        assertEquals(0, apply.exitCode(), apply.err());
        assertTrue(apply.out().contains("outside the configured scope (not tagged env=prod)"), apply.out());
        Map<String, List<LedgerEntry>> byFunction = ledger(runIdOf(planFile)).stream()
                .collect(Collectors.groupingBy(LedgerEntry::functionName));
        DemoAccount account = DemoAccount.open(stateDir, false, CODEC);
        for (String function : byFunction.keySet()) {
            assertEquals("prod", account.read(DemoAccount.arnOf(function)).tags().get("env"), function);
        }
        assertFalse(byFunction.isEmpty(), "the prod functions were changed");
    }

    @Test
    void aRefusedApprovalLeavesTheRunsEarlierDecisionAsItWas() throws Exception {
        Path planFile = plan();
        String runId = runIdOf(planFile);
        assertEquals(0, fleetopt("apply", "--demo", "--run", runId, "--all").exitCode());
        Path decision = planFile.resolveSibling("decision.json");
        String before = Files.readString(decision);

        Result refused = fleetopt("apply", "--demo", "--run", runId, "--approve", "memory-nonexistent");

        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("approvedItemIds: 'memory-nonexistent' is not an item of plan " + runId), refused.err());
        assertEquals(before, Files.readString(decision));
    }

    @Test
    void aSecondCommandInTheSameStateFolderIsTurnedAwayAndChangesNothing() throws Exception {
        Path planFile = plan();
        String state = demoState();
        try (StateDirLock held = StateDirLock.acquire(stateDir, "fleetopt run")) {
            Result second = fleetopt("apply", "--demo", "--run", runIdOf(planFile), "--all");
            assertEquals(2, second.exitCode());
            assertTrue(second.err().startsWith("fleetopt: another fleetopt command is working in " + stateDir), second.err());
            Result process = fleetoptProcess("rollback", "--demo", "--run", runIdOf(planFile)).waitForResult();
            assertEquals(2, process.exitCode(), process.err());
            assertTrue(process.err().contains("nothing was changed"), process.err());
        }
        assertEquals(state, demoState());
        assertFalse(Files.exists(stateDir.resolve("ledger.jsonl")));
    }

    @Test
    void twoAppliesAtOnceInTwoProcessesApplyEveryItemExactlyOnce() throws Exception {
        Path planFile = plan();
        String runId = runIdOf(planFile);
        assertEquals(0, fleetopt("apply", "--demo", "--run", runId, "--approve",
                readPlan(planFile).applicableItems().get(0).id()).exitCode());
        Child first = fleetoptProcess("apply", "--demo", "--run", runId, "--all");
        Child second = fleetoptProcess("apply", "--demo", "--run", runId, "--all");
        Result a = first.waitForResult();
        Result b = second.waitForResult();

        for (Result r : List.of(a, b)) {
            assertTrue(r.exitCode() == 0 || (r.exitCode() == 2 && r.err().contains("another fleetopt command is working in")),
                    r.exitCode() + ": " + r.err());
        }
        List<LedgerEntry> entries = ledger(runId);
        Map<String, Long> intents = entries.stream().filter(e -> e.action() == LedgerAction.INTENT)
                .collect(Collectors.groupingBy(LedgerEntry::itemId, Collectors.counting()));
        Map<String, Long> applied = entries.stream().filter(e -> e.action() == LedgerAction.APPLIED)
                .collect(Collectors.groupingBy(LedgerEntry::itemId, Collectors.counting()));
        assertEquals(readPlan(planFile).applicableItems().size(), applied.size());
        assertTrue(intents.values().stream().allMatch(n -> n == 1) && applied.values().stream().allMatch(n -> n == 1));
        DemoAccount.open(stateDir, false, CODEC);
    }

    @Test
    void aRunKilledWhileApplyingIsCompletedByApplyRunWithItsAlarmsAndOneSummary() throws Exception {
        fleetopt("plan", "--demo", "--reset");
        Child run = fleetoptProcess("run", "--demo", "--yes");
        Path ledgerFile = stateDir.resolve("ledger.jsonl");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (lines(ledgerFile) < 40 && run.process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        run.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        // the run's folder (runs/ also holds files of its own, e.g. latest-savings.json)
        String runId = Files.list(stateDir.resolve("artifacts/runs")).filter(Files::isDirectory).map(p -> p.getFileName().toString())
                .filter(id -> !id.startsWith("plan-")).findFirst().orElseThrow();
        assertFalse(Files.exists(stateDir.resolve("outbox").resolve(runId + "-summary.txt")), "killed before its summary");

        Result recovered = fleetopt("apply", "--demo", "--run", runId);

        assertEquals(0, recovered.exitCode(), recovered.err());
        ChangeLedger ledger = new JsonLinesChangeLedger(ledgerFile, CODEC);
        List<LedgerEntry> entries = ledger.entriesOfRun(runId);
        long intents = entries.stream().filter(e -> e.action() == LedgerAction.INTENT).count();
        long completed = entries.stream().filter(e -> e.action() == LedgerAction.APPLIED || e.action() == LedgerAction.ABANDONED).count();
        assertEquals(intents, completed, "every intent completed");
        DemoAccount account = DemoAccount.open(stateDir, false, CODEC);
        List<String> alarmed = account.alarms().stream().map(a -> a.functionName()).distinct().toList();
        for (LedgerEntry change : ChangeLedger.standing(entries)) {
            if (change.kind() != RecommendationKind.LOG_RETENTION && change.kind() != RecommendationKind.TRACING) {
                assertTrue(alarmed.contains(change.functionName()), change.functionName() + " has its guard alarms");
            }
        }
        assertTrue(Files.exists(stateDir.resolve("outbox").resolve(runId + "-summary.txt")));
        Result again = fleetopt("apply", "--demo", "--run", runId);
        assertTrue(again.out().contains("(The summary of this result was sent before.)"), again.out());
    }

    private static long lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
    }

    /** The fleetopt command in a JVM of its own, on this test's classpath. */
    private Child fleetoptProcess(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), FleetoptCommand.class.getName()));
        command.addAll(List.of(args));
        command.add("--state-dir");
        command.add(stateDir.toString());
        Path out = Files.createTempFile(stateDir.getParent(), "out", ".txt");
        Path err = Files.createTempFile(stateDir.getParent(), "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Child(process, out, err);
    }

    private record Child(Process process, Path out, Path err) {
        Result waitForResult() throws Exception {
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the child process finished");
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }
}
