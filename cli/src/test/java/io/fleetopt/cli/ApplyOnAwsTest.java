package io.fleetopt.cli;

import io.fleetopt.collector.aws.SimulatedAccountServer;
import io.fleetopt.collector.aws.SimulatedAwsAccount;
import io.fleetopt.collector.aws.SimulatedFunction;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fleetopt run, apply and rollback on a real account's wire protocols, from the command line: WireMock answering as
 * Lambda (REST-JSON), CloudWatch Logs (JSON 1.1), CloudWatch (Query) and the Tagging API, taking the applier's writes
 * and the guard alarms; the local state folder is the artifact store, the ledger and the outbox.
 */
class ApplyOnAwsTest {

    private static final List<RecommendationKind> SETTINGS = List.of(RecommendationKind.MEMORY, RecommendationKind.TIMEOUT,
            RecommendationKind.TRACING, RecommendationKind.RESERVED_CONCURRENCY, RecommendationKind.LOG_RETENTION);

    @TempDir
    Path stateDir;

    private SimulatedAccountServer.Running aws;

    @BeforeEach
    void startTheSimulatedAccount() {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        List<SimulatedFunction> fleet = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fleet.add(SimulatedFunction.busy(String.format("svc-%05d", i), 512, 200, 50_000)
                    .withTags(Map.of("team", i < 2 ? "payments" : "search")));
        }
        aws = SimulatedAccountServer.startWritable(fleet);
    }

    @AfterEach
    void stop() {
        aws.server().stop();
    }

    private CliAcceptanceTest.Result fleetopt(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FleetoptCommand.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new CliAcceptanceTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private CliAcceptanceTest.Result fleetopt(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--region", "us-east-1", "--endpoint-url", aws.server().baseUrl(), "--state-dir", stateDir.toString()));
        return fleetopt(all);
    }

    @Test
    void runsAppliesAndRollsBackARealAccountWithThePrintedUndoCommand() {
        Map<String, SimulatedAwsAccount.FunctionState> before = aws.account().state();

        CliAcceptanceTest.Result run = fleetopt("run", "--yes");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        Matcher runId = Pattern.compile("fleetopt weekly run (\\S+) on the AWS account in us-east-1").matcher(run.out());
        assertTrue(runId.find(), run.out());
        assertTrue(run.out().contains("messages: " + stateDir.resolve("outbox")), run.out());
        assertTrue(run.out().contains("collected 4 functions in account 123456789012"), run.out());

        // every approved change is live, and nothing else changed
        Plan plan = plan(runId.group(1));
        Map<String, String> planned = new TreeMap<>();
        plan.items().stream().filter(i -> i.action() == Action.APPLY)
                .forEach(i -> planned.put(i.functionName() + "/" + i.kind(), i.proposedValue()));
        assertFalse(planned.isEmpty(), plan.toString());
        Map<String, SimulatedAwsAccount.FunctionState> after = aws.account().state();
        Map<String, String> changed = new TreeMap<>();
        for (String name : before.keySet()) {
            for (RecommendationKind kind : SETTINGS) {
                if (!value(before.get(name), kind).equals(value(after.get(name), kind))) {
                    changed.put(name + "/" + kind, value(after.get(name), kind));
                }
            }
        }
        assertEquals(planned, changed, run.out());
        assertFalse(aws.account().alarms().isEmpty(), "guard alarms on the changed functions");
        aws.account().alarms().values().forEach(alarm ->
                assertFalse(alarm.containsKey("AlarmActions.member.1"), "no SNS topic from the command line: " + alarm));

        // the summary's undo command works as printed
        Matcher undo = Pattern.compile("Undo this run's changes: fleetopt (rollback .*)").matcher(run.out());
        assertTrue(undo.find(), run.out());
        List<String> printed = shellWords(undo.group(1).strip());
        assertTrue(printed.containsAll(List.of("--region", "us-east-1", "--endpoint-url", "--state-dir")), printed.toString());
        CliAcceptanceTest.Result rollback = fleetopt(printed);
        assertEquals(0, rollback.exitCode(), rollback.out() + rollback.err());
        assertEquals(before, aws.account().state(), rollback.out());

        // a second rollback changes nothing, and makes no write
        int callsBefore = aws.server().getAllServeEvents().size();
        CliAcceptanceTest.Result again = fleetopt(printed);
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals(before, aws.account().state(), again.out());
        aws.server().getAllServeEvents().stream().limit(aws.server().getAllServeEvents().size() - callsBefore).forEach(call -> {
            String method = call.getRequest().getMethod().value();
            String target = String.valueOf(call.getRequest().getHeader("X-Amz-Target"));
            assertFalse(method.equals("PUT") || method.equals("DELETE") || target.endsWith("RetentionPolicy"),
                    "the second rollback wrote " + method + " " + call.getRequest().getUrl() + " " + target);
        });
    }

    @Test
    void aGuardRefusesFunctionsOutsideTheScopeOfTheApplyAndLeavesThemAsTheyWere() {
        Map<String, SimulatedAwsAccount.FunctionState> before = aws.account().state();
        CliAcceptanceTest.Result plan = fleetopt("plan", "--output", "json");
        assertEquals(0, plan.exitCode(), plan.err());
        String runId;
        try (DocumentCodec codec = new DocumentCodec()) {
            runId = codec.read(plan.out(), Plan.class, "stdout").runId();
        }
        CliAcceptanceTest.Result apply = fleetopt("apply", "--run", runId, "--all", "--scope-tag", "team=payments");
        assertEquals(0, apply.exitCode(), apply.out() + apply.err());
        Map<String, SimulatedAwsAccount.FunctionState> after = aws.account().state();
        for (String outside : List.of("svc-00002", "svc-00003")) {
            assertEquals(before.get(outside), after.get(outside), outside + " is team=search: " + apply.out());
        }
        assertFalse(before.get("svc-00000").equals(after.get("svc-00000")), "in scope, it is changed: " + apply.out());
        assertTrue(apply.out().contains("refused by a guard 4") && apply.out().contains("outside the configured scope"), apply.out());
        aws.account().alarms().values().forEach(alarm -> assertTrue(
                alarm.get("Dimensions.member.1.Value").matches("svc-0000[01]"), "alarms only on changed functions: " + alarm));
    }

    private Plan plan(String runId) {
        try (DocumentCodec codec = new DocumentCodec()) {
            return codec.read(java.nio.file.Files.readString(stateDir.resolve("artifacts/runs/" + runId + "/plan.json")), Plan.class, "plan");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String value(SimulatedAwsAccount.FunctionState state, RecommendationKind kind) {
        return switch (kind) {
            case MEMORY -> String.valueOf(state.memoryMb());
            case TIMEOUT -> String.valueOf(state.timeoutSeconds());
            case TRACING -> state.tracing();
            case RESERVED_CONCURRENCY -> SettingValues.ofOptional(state.reservedConcurrency());
            case LOG_RETENTION -> SettingValues.ofRetention(state.retentionDays());
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    /** Splits a command line as a POSIX shell does for plain and single-quoted words. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("(?:'([^']*)'|(\\S+))").matcher(line);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        return words;
    }
}
