package io.fleetopt.cli;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.model.LearnedResponses;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.FunctionSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The walking skeleton's acceptance, through the fleetopt command itself on the demo account. */
class CliAcceptanceTest {

    private static final DocumentCodec CODEC = new DocumentCodec();

    @TempDir
    Path stateDir;

    @AfterAll
    static void close() {
        CODEC.close();
    }

    record Result(int exitCode, String out, String err) {
    }

    private Result fleetopt(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        if (all.contains("--demo")) {
            all.add("--state-dir");
            all.add(stateDir.toString());
        }
        int code = FleetoptCommand.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String runId(Result run) {
        Matcher m = Pattern.compile("fleetopt weekly run (\\S+) ").matcher(run.out());
        assertTrue(m.find(), run.out());
        return m.group(1);
    }

    private Map<String, String> liveSettings() {
        DemoAccount account = DemoAccount.open(stateDir, false, CODEC);
        Map<String, String> settings = new HashMap<>();
        for (String name : List.of("orders-api", "notifications-fanout", "cart-service", "pdf-renderer", "email-sender")) {
            FunctionSettings live = account.read(DemoAccount.arnOf(name));
            for (RecommendationKind kind : List.of(RecommendationKind.MEMORY, RecommendationKind.TIMEOUT,
                    RecommendationKind.LOG_RETENTION, RecommendationKind.RESERVED_CONCURRENCY, RecommendationKind.TRACING)) {
                settings.put(name + "/" + kind, live.valueOf(kind));
            }
        }
        return settings;
    }

    @Test
    void runWithYesPrintsAPlanWithReasonsAndSavingsThenAnApplySummary() {
        Result run = fleetopt("", "run", "--demo", "--reset", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("CHANGES (need approval)"), run.out());
        assertTrue(run.out().contains("max memory used"), "memory items explain the evidence");
        assertTrue(Pattern.compile("saves \\$[\\d,]+\\.\\d\\d/month").matcher(run.out()).find(), "items carry a monthly saving");
        assertTrue(Pattern.compile("Applied [1-9]\\d*, already applied 0, skipped 0 \\(drift 0, scope 0, refused by a guard 0\\), failed 0").matcher(run.out()).find(),
                run.out());
        assertTrue(Files.exists(stateDir.resolve("outbox").resolve(runId(run) + "-summary.txt")));
    }

    @Test
    void runningAgainAppliesNothingNew() {
        Result first = fleetopt("", "run", "--demo", "--reset", "--yes");
        Map<String, String> afterFirst = liveSettings();
        Result second = fleetopt("", "run", "--demo", "--yes");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("0 to approve"), second.out());
        Result reapply = fleetopt("", "apply", "--demo", "--run", runId(first));
        assertEquals(0, reapply.exitCode(), reapply.err());
        assertTrue(reapply.out().startsWith("Applying decision " + stateDir.resolve("artifacts/runs/" + runId(first)
                + "/decision.json") + " by "), "it names the earlier decision it applies again: " + reapply.out());
        assertTrue(reapply.out().contains(".\nApplied 0, already applied "), reapply.out());
        assertEquals(afterFirst, liveSettings());
    }

    @Test
    void theSecondWeekConfirmsRealizedSavingsFromTheCostHistory() {
        fleetopt("", "run", "--demo", "--reset", "--yes");
        Result second = fleetopt("", "run", "--demo", "--yes", "--next-week");
        assertTrue(second.out().contains("week of 2026-11-09"), second.out());
        assertTrue(Pattern.compile("verified earlier changes: 1 change sets a week old or more, realized \\$[1-9][\\d,]*\\.\\d\\d/month")
                .matcher(second.out()).find(), second.out());
        assertTrue(second.out().contains("Realized savings of earlier changes"), second.out());
    }

    @Test
    void anAliasInvokedFunctionGetsACanaryThatTheNextWeeksRunPromotesAndRollbackMovesBack() {
        Result first = fleetopt("", "run", "--demo", "--reset", "--yes");
        assertTrue(first.out().contains("Invoked through alias live (97 % of invocations)"), first.out());
        io.fleetopt.core.demo.DemoAliases aliases = io.fleetopt.core.demo.DemoAliases.open(DemoAccount.open(stateDir, false, CODEC),
                stateDir, false, CODEC);
        io.fleetopt.core.demo.DemoAlias orders = aliases.aliases().getFirst();
        assertEquals("orders-api", orders.functionName());
        String newest = orders.versions().getLast().version();
        assertEquals(new io.fleetopt.core.port.AliasRouting("1", Map.of(newest, 0.1)), orders.route());
        // the CodeDeploy-style alias is left as it was
        assertEquals(new io.fleetopt.core.port.AliasRouting("1", Map.of("2", 0.1)), aliases.aliases().get(2).route());

        Result second = fleetopt("", "run", "--demo", "--yes", "--next-week");
        assertTrue(second.out().contains("promoted 2 of 2 alias canaries of earlier runs"), second.out());
        aliases = io.fleetopt.core.demo.DemoAliases.open(DemoAccount.open(stateDir, false, CODEC), stateDir, false, CODEC);
        // promoted: all of live on the first week's version, but for the canary of this week's own change (its timeout)
        io.fleetopt.core.demo.DemoAlias promoted = aliases.aliases().getFirst();
        assertEquals(newest, promoted.route().version());
        assertTrue(promoted.route().weights().keySet().stream().allMatch(v -> Integer.parseInt(v) > Integer.parseInt(newest)
                && promoted.versions().stream().anyMatch(p -> p.version().equals(v) && p.publishedByFleetopt())), promoted.toString());

        // newest first, as a person undoes them: the second week's run, then the first's
        assertEquals(0, fleetopt("", "rollback", "--demo", "--run", runId(second)).exitCode());
        Result rollback = fleetopt("", "rollback", "--demo", "--run", runId(first));
        assertEquals(0, rollback.exitCode(), rollback.err());
        assertTrue(rollback.out().contains("left as changed since 0, refused by a guard 0, failed 0"), rollback.out());
        aliases = io.fleetopt.core.demo.DemoAliases.open(DemoAccount.open(stateDir, false, CODEC), stateDir, false, CODEC);
        assertEquals(io.fleetopt.core.port.AliasRouting.to("1"), aliases.aliases().getFirst().route());
        assertEquals(Map.of("live", 20), aliases.aliases().get(1).provisionedByQualifier());
    }

    @Test
    void learnsEachChangedFunctionsResponseAndSizesTheNextStepsFromIt() throws Exception {
        Result first = fleetopt("", "run", "--demo", "--reset", "--yes");
        assertTrue(first.out().contains("notifications-fanout       memory         3008 MB -> 1536 MB"), first.out());
        assertTrue(first.out().contains("a step of at most 50 % toward 256 MB: its CPU share is unknown"), first.out());

        Result second = fleetopt("", "run", "--demo", "--yes", "--next-week");
        // the I/O-bound functions' second step goes all the way, the computing ones' as far as the latency guard allows
        assertTrue(Pattern.compile("learned notifications-fanout: [01] % of duration scales with CPU, from the change of 2026-11-02 "
                + "\\(3008 -> 1536 MB, confidence HIGH\\)").matcher(second.out()).find(), second.out());
        assertTrue(Pattern.compile("learned price-calculator: 5\\d % of duration scales with CPU").matcher(second.out()).find(), second.out());
        // (the kind column is as wide as the longest kind in the section, which the auto-rollback below changes)
        assertTrue(Pattern.compile("notifications-fanout +memory +1536 MB -> 256 MB").matcher(second.out()).find(), second.out());
        assertTrue(Pattern.compile("search-indexer +memory +1536 MB -> 1024 MB").matcher(second.out()).find(), second.out());
        // price-calculator's p99 guard alarm caught that regression on the demo's metrics and rolled its changes back
        assertTrue(second.out().contains("guard alarm fleetopt-price-calculator-p99-slowdown went into ALARM: rolled back"), second.out());
        assertTrue(second.out().contains("beyond the 20 % latency guard"), second.out());
        LearnedResponses learned = CODEC.read(java.nio.file.Files.readString(stateDir.resolve("artifacts/runs/learned-responses.json")),
                LearnedResponses.class, "learned");
        // the demo's regression: price-calculator's first step made it about 48 % slower at p99, which nothing showed before
        FunctionUsage before = learned.of(DemoAccount.arnOf("price-calculator")).orElseThrow().before();
        FunctionUsage after = learned.of(DemoAccount.arnOf("price-calculator")).orElseThrow().after();
        assertTrue(after.durationP99Ms() / before.durationP99Ms() > 1.4, before + " -> " + after);
        // ... so its changes were rolled back to 3008 MB, and the next proposal starts from there with the learned response
        assertFalse(Pattern.compile("price-calculator +memory +1536 MB").matcher(second.out()).find(), second.out());
        assertTrue(Pattern.compile("price-calculator +memory +3008 MB -> ").matcher(second.out()).find(), second.out());

        Result third = fleetopt("", "run", "--demo", "--yes", "--next-week");
        assertTrue(Pattern.compile("search-indexer +memory +1024 MB -> 768 MB").matcher(third.out()).find(), third.out());
    }

    @Test
    void rollbackRestoresTheExactBeforeValues() {
        fleetopt("", "plan", "--demo", "--reset");
        Map<String, String> before = liveSettings();
        Result run = fleetopt("", "run", "--demo", "--yes");
        assertFalse(before.equals(liveSettings()), "the run changed something");
        Result rollback = fleetopt("", "rollback", "--demo", "--run", runId(run));
        assertEquals(0, rollback.exitCode(), rollback.err());
        assertTrue(rollback.out().contains("left as changed since 0, refused by a guard 0, failed 0"), rollback.out());
        assertEquals(before, liveSettings());
    }

    @Test
    void planAsJsonIsAValidPlanDocument() {
        Result plan = fleetopt("", "plan", "--demo", "--reset", "--output", "json");
        assertEquals(0, plan.exitCode(), plan.err());
        Plan parsed = CODEC.read(plan.out(), Plan.class, "stdout");
        assertFalse(parsed.items().isEmpty());
        assertTrue(parsed.items().stream().allMatch(i -> !i.rationale().isBlank() && i.monthlySavingUsd() != null));
    }

    @Test
    void aCorruptedStateFileExitsNonZeroNamingTheFieldAndChangesNothing() throws Exception {
        fleetopt("", "plan", "--demo", "--reset");
        Path state = stateDir.resolve(DemoAccount.STATE_FILE);
        String corrupted = Files.readString(state).replaceFirst("\"today\" : \"2026-11-02\"", "\"today\" : \"soon\"");
        Files.writeString(state, corrupted);
        Result run = fleetopt("", "run", "--demo", "--yes");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("fleetopt: " + state + ": not a valid DemoState document"), run.err());
        assertTrue(run.err().contains("today"), run.err());
        assertEquals(corrupted, Files.readString(state));
        assertFalse(Files.exists(stateDir.resolve("ledger.jsonl")));
    }

    @Test
    void aPlanWithAWrongFieldIsRefusedAndNothingIsApplied() throws Exception {
        Result plan = fleetopt("", "plan", "--demo", "--reset");
        Matcher m = Pattern.compile("plan kept in (\\S+)\\)").matcher(plan.err());
        assertTrue(m.find(), plan.err());
        Path planFile = Path.of(m.group(1));
        Files.writeString(planFile, Files.readString(planFile).replaceFirst("\"risk\" : \"LOW\"", "\"risk\" : \"TINY\""));
        String runId = planFile.getParent().getFileName().toString();
        Result apply = fleetopt("", "apply", "--demo", "--run", runId, "--all");
        assertEquals(2, apply.exitCode());
        assertTrue(apply.err().contains(planFile.toString()) && apply.err().contains("TINY"), apply.err());
        assertFalse(Files.exists(stateDir.resolve("ledger.jsonl")));
    }

    @Test
    void withoutAnAnswerOrYesNothingIsApplied() {
        Result run = fleetopt("", "run", "--demo", "--reset");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no answer to the approval prompt (no input); nothing was applied"), run.err());
        assertFalse(Files.exists(stateDir.resolve("ledger.jsonl")));
    }

    @Test
    void theApproverCanPickChangesByNumber() {
        Result run = fleetopt("1,2\n", "run", "--demo", "--reset");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Applied 2, already applied 0"), run.out());
    }

    @Test
    void aMistypedAnswerIsAskedAgain() {
        Result run = fleetopt("99\n2\n", "run", "--demo", "--reset");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("there is no change number 99 (1 to "), run.out());
        assertTrue(run.out().contains("Applied 1, already applied 0"), run.out());
    }

    @Test
    void threeWrongAnswersApplyNothing() {
        Result run = fleetopt("x\nq\nz\n", "run", "--demo", "--reset");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'z' is not a change of this plan; nothing was applied"), run.err());
        assertFalse(Files.exists(stateDir.resolve("ledger.jsonl")));
    }

    @Test
    void withoutDemoItReadsAwsAndSaysClearlyWhenTheAccountCannotBeReached() {
        Result plan = fleetopt("", "plan", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9",
                "--state-dir", stateDir.toString());
        assertEquals(3, plan.exitCode());
        assertTrue(plan.err().startsWith("fleetopt: could not read the AWS account: "), plan.err());
    }

    @Test
    void everyCommandsHelpExplainsItsOptionsWithAnExample() {
        for (String command : List.of("run", "plan", "apply", "rollback")) {
            Result help = fleetopt("", command, "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().contains("Example"), command + ": " + help.out());
            assertTrue(help.out().contains("--state-dir"), command + ": " + help.out());
        }
    }
}
