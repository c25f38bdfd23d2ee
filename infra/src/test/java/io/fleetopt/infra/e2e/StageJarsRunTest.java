package io.fleetopt.infra.e2e;

import io.fleetopt.aws.S3ArtifactStore;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.infra.FleetoptSettings;
import io.fleetopt.infra.FleetoptStack;
import io.fleetopt.infra.StageCode;
import io.fleetopt.infra.StageFunction;
import io.fleetopt.infra.SynthesizedStack;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stage jars as Lambda runs them, each handler in a fresh JVM whose class path is its module's shaded, shrunk
 * Lambda jar (tools/jarshrink) and nothing of the build's: a class the shrink left out that a handler needs fails
 * here. On moto's server (as {@link AwsWeeklyRunTest}, AWS mode with the environment the CDK app gives each
 * function), the weekly run's main path runs handler after handler, each input the output of the one before:
 * VerifyEarlierChanges, Collect, Analyze, AutoApply (the LOW-risk items auto-approved: its decision), ApplyItem once
 * per line of that decision as ApplyApproved's Map runs it (the applier writes to Lambda, CloudWatch Logs and the
 * ledger), RecordApplyResult, WireAlarms (CloudWatch alarms), NotifySummary (SNS).
 * Every other function of the stack's weekly run and events is started from its jar (its init: the Micronaut
 * context with the AWS adapters) in a JVM of its own, with only its own function's environment, and so is the review
 * endpoint: each handler's context creates its own stage and what that uses, nothing it is not configured for. With
 * {@code AWS_LAMBDA_FUNCTION_NAME} set, as Lambda sets it, each handler's init starts its ClassPreloading, which loads
 * the thousands of classes its jar's list names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StageJarsRunTest {

    private static final Path REPO = SynthesizedStack.repoRoot();
    private static final String BUCKET = "fleetopt-artifacts-jars";
    private static final String TABLE = "fleetopt-ledger-jars";
    private static final String APPROVALS_TABLE = "fleetopt-approvals-jars";
    private static final JsonMapper JSON = JsonMapper.createDefault();
    /** LOW risk is auto-approved: AutoApply applies the log retention changes itself. */
    private static final FleetoptSettings SETTINGS = new FleetoptSettings(List.of("ops@example.com"),
            FleetoptSettings.WEEKLY_SCHEDULE, List.of("team=payments"), List.of(), List.of(MotoServer.REGION), List.of("LOW"),
            72, 30, 90);
    private static final List<SeedFunction> FLEET = List.of(
            new SeedFunction("orders-api", 1024, 30, "PassThrough", null, Map.of("team", "payments"),
                    null, 14, 20_000, 120, 900, 180, SeedFunction.Evidence.LAMBDA_INSIGHTS),
            new SeedFunction("orders-worker", 2048, 300, "PassThrough", null, Map.of("team", "payments"),
                    null, 14, 5_000, 2_000, 5_000, 300, SeedFunction.Evidence.REPORT_LINES));
    /** The main path, in the order the state machine runs it. */
    private static final List<String> MAIN_PATH = List.of("VerifyEarlierChanges", "Collect", "Analyze", "AutoApply",
            "RecordApplyResult", "WireAlarms", "NotifySummary");

    private Path work;
    private Path probe;
    private MotoServer moto;
    private EmulatedAccount account;
    private Map<String, Map<String, String>> environments;
    private String notificationQueue;

    @BeforeAll
    void startEmulatorAndSeedTheAccount(@TempDir Path dir) throws IOException {
        work = dir;
        probe = copyProbe(Files.createDirectories(dir.resolve("probe")));
        moto = MotoServer.start(Files.createDirectories(dir.resolve("moto")), 30);
        account = new EmulatedAccount(moto.endpoint(), EmulatedAccount.AccessKey.UNCHECKED);
        SynthesizedStack synth = SynthesizedStack.of(SETTINGS, dir.resolve("synth"));
        account.seedFleet(FLEET, Instant.now());
        account.createBucket(BUCKET);
        account.createTable(TABLE, tableProperties(synth, "Ledger"));
        account.createTable(APPROVALS_TABLE, tableProperties(synth, "ReviewEndpointApprovals"));
        String linkKeyArn = account.createLinkKey("fleetopt-review-link-key-jars");
        EmulatedAccount.Subscribed approvals = account.topicWithSubscriber("fleetopt-approvals");
        EmulatedAccount.Subscribed notifications = account.topicWithSubscriber("fleetopt-notifications");
        notificationQueue = notifications.queueUrl();
        environments = FunctionEnvironments.of(synth, Map.of("Artifacts", BUCKET, "Ledger", TABLE,
                "ApprovalTopic", approvals.topicArn(), "NotificationTopic", notifications.topicArn(),
                "ReviewEndpointApprovals", APPROVALS_TABLE, "ReviewEndpointLinkKey", linkKeyArn,
                "ReviewEndpointAliasFunctionUrl", "https://jars-review.lambda-url.us-east-1.on.aws/"));
    }

    @AfterAll
    void stopEmulator() {
        if (account != null) {
            account.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void theWeeklyRunsMainPathRunsFromTheStageJarsAgainstTheEmulatedAccount() throws Exception {
        String runId = LocalDate.now(ZoneOffset.UTC) + "-jars";
        Path io = Files.createDirectories(work.resolve("io"));
        Path input = io.resolve("start.json");
        Files.writeString(input, "{\"runId\":\"" + runId + "\",\"functionCount\":0,\"itemCount\":0,\"applyItemCount\":0}");
        Map<String, Path> outputs = new LinkedHashMap<>();
        for (String state : MAIN_PATH) {
            if (state.equals("RecordApplyResult")) {
                // the state machine's input of RecordApplyResult after AutoApply's decision went through ApplyItem
                input = io.resolve("record.json");
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("run", readJson(outputs.get("Analyze")));
                record.put("approval", null);
                record.put("autoApproval", readJson(outputs.get("AutoApply")));
                record.put("autoApplied", null);
                record.put("applied", null);
                Files.write(input, JSON.writeValueAsBytes(record));
            }
            Path output = io.resolve(state + ".json");
            run(function(state), input, output);
            outputs.put(state, output);
            input = output;
            if (state.equals("AutoApply")) {
                applyEachAutoApprovedLine(runId, output, io);
            }
        }

        S3ArtifactStore store = new S3ArtifactStore(account.s3, BUCKET);
        try (DocumentCodec codec = new DocumentCodec()) {
            Plan plan = codec.read(store.get(ArtifactKeys.plan(runId)).orElseThrow(), Plan.class, "plan");
            assertFalse(plan.applicableItems().isEmpty(), "the seeded fleet calls for changes: " + plan);
            String resultKey = ArtifactKeys.result(runId);
            ApplyResult result = codec.read(store.get(resultKey).orElseThrow(() -> new AssertionError("no " + resultKey)),
                    ApplyResult.class, "apply result");
            List<ItemOutcome> applied = result.items().stream().filter(i -> i.status() == ApplyStatus.APPLIED
                    || (PRIMED_TOO && i.status() == ApplyStatus.ALREADY_APPLIED)).toList();
            assertFalse(applied.isEmpty(), "AutoApply applied the LOW-risk items from its jar: " + result);
            assertTrue(result.items().stream().noneMatch(i -> i.status() == ApplyStatus.FAILED), result.toString());
            // what the applier wrote from its jar is live on the emulated account
            for (ItemOutcome item : applied.stream().filter(i -> i.kind() == RecommendationKind.LOG_RETENTION).toList()) {
                Integer retentionDays = account.logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + item.functionName()))
                        .logGroups().get(0).retentionInDays();
                assertTrue(retentionDays != null && String.valueOf(item.after()).contains(String.valueOf(retentionDays)),
                        retentionDays + " days live for " + item);
            }
        }
        assertFalse(account.drain(notificationQueue).isEmpty(), "NotifySummary sent the summary through SNS from its jar");
    }

    @Test
    void everyOtherFunctionOfTheStackStartsFromItsJar() throws Exception {
        List<StageFunction> others = new ArrayList<>(FleetoptStack.allFunctions().stream()
                .filter(f -> !MAIN_PATH.contains(f.state())).toList());
        others.add(new StageFunction("ReviewEndpoint", "notifier", "io.fleetopt.notifier.ReviewEndpointHandler", 1024, 30, List.of(),
                StageCode.NOTIFIER_APPROVAL));
        for (StageFunction function : others) {
            run(function, null, null);
        }
    }

    /**
     * What ApplyApproved's Map does with AutoApply's decision: ApplyItem from the applier's jar once per line of the
     * decision's items file, each with the Map's ItemSelector ({runId, decisionKey, planDigest, line}).
     */
    @SuppressWarnings("unchecked")
    private void applyEachAutoApprovedLine(String runId, Path autoApplyOutput, Path io) throws Exception {
        Map<String, Object> decision = (Map<String, Object>) readJson(autoApplyOutput);
        assertTrue(((Number) decision.get("approvedCount")).intValue() > 0, "the policy auto-approves LOW risk: " + decision);
        String lines = new S3ArtifactStore(account.s3, BUCKET).get((String) decision.get("approvedItemsKey"),
                (String) decision.get("approvedItemsVersionId")).orElseThrow();
        int n = 0;
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("runId", runId);
            item.put("decisionKey", decision.get("decisionKey"));
            item.put("planDigest", decision.get("planDigest"));
            item.put("line", JSON.readValue(line, Argument.of(Object.class)));
            Path input = io.resolve("apply-item-" + n + ".json");
            Files.write(input, JSON.writeValueAsBytes(item));
            run(function("ApplyItem"), input, io.resolve("apply-item-" + n++ + ".out.json"));
        }
        assertEquals(((Number) decision.get("approvedCount")).intValue(), n, "one ApplyItem per approved line");
    }

    private static StageFunction function(String state) {
        return FleetoptStack.allFunctions().stream().filter(f -> f.state().equals(state)).findFirst().orElseThrow();
    }

    /**
     * The cold starts measured here, one line per handler run (JarHandlerProbe's timings), written to
     * {@code infra/target/cold-starts-on-moto.txt} for tools/coldstart/run --on-moto: each a fresh JVM with Lambda's
     * JIT flags, the classes from the stage's jar, the AWS adapters calling moto's server on this machine. Not asserted:
     * a timing is a benchmark's figure, not a test's.
     */
    private final List<String> coldStarts = new ArrayList<>();

    @AfterAll
    void writeTheColdStarts() throws IOException {
        if (!coldStarts.isEmpty()) {
            Path report = REPO.resolve("infra/target/cold-starts-on-moto.txt");
            Files.createDirectories(report.getParent());
            Files.write(report, coldStarts);
        }
    }

    /**
     * With {@code -Dfleetopt.coldstarts.primed=true} (tools/coldstart/run --on-moto), each call of the main path runs
     * once more right after it, in a fresh JVM with SnapStart's priming hook between its init and its call, on the same
     * input, for the cold-start table's "primed" lines. Each stage is idempotent: the repeated ApplyItem and
     * RecordApplyResult find the items applied earlier in this run (ALREADY_APPLIED), which the test then accepts as applied.
     */
    private static final boolean PRIMED_TOO = Boolean.getBoolean("fleetopt.coldstarts.primed");

    /** The handler in a JVM of its own, from its module's jar, with its function's environment; input null: init only. */
    private void run(StageFunction function, Path input, Path output) throws IOException, InterruptedException {
        run(function, input, output, false);
        if (PRIMED_TOO && input != null) {
            run(function, input, Path.of(output + ".primed.json"), true);
        }
    }

    private void run(StageFunction function, Path input, Path output, boolean primed) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", stageJar(function.jar()) + java.io.File.pathSeparator + probe,
                JarHandlerProbe.class.getName(), function.handlerClass()));
        if (input != null) {
            command.addAll(List.of(input.toString(), output.toString()));
        }
        if (primed) {
            command.add("--primed");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(function.state() + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("FLEETOPT_") || name.startsWith("AWS_") || name.startsWith("MICRONAUT_"));
        env.putAll(environments.getOrDefault("fleetopt-" + function.state(), Map.of()));
        env.put("AWS_LAMBDA_FUNCTION_NAME", "fleetopt-" + function.state());
        env.put("FLEETOPT_ENDPOINT_URL", moto.endpoint().toString());
        env.put("AWS_REGION", MotoServer.REGION);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        Process process = builder.start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        String log = Files.readString(work.resolve(function.state() + ".log"));
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, function.state() + " did not finish in 180 s:\n" + log);
        assertEquals(0, process.exitValue(), function.state() + " (" + function.handlerClass() + ") failed from "
                + stageJar(function.jar()).getFileName() + ":\n" + log);
        String preloaded = log.lines().filter(line -> line.startsWith("JarHandlerProbe preloading: ")).findFirst()
                .orElseThrow(() -> new AssertionError(function.state() + " started no ClassPreloading on Lambda:\n" + log));
        assertTrue(preloaded.matches("JarHandlerProbe preloading: [1-9][0-9]{3,} of [1-9][0-9]{3,} listed classes loaded, \\d+ passed over"),
                function.state() + " loads its jar's class list: " + preloaded);
        log.lines().filter(line -> line.startsWith("JarHandlerProbe timings: ")).findFirst().ifPresent(timings ->
                coldStarts.add(function.state() + (input == null ? " (init only)" : primed ? " (primed)" : "") + ": "
                        + timings.substring("JarHandlerProbe timings: ".length())));
    }

    /** The function's shaded Lambda jar, as the CDK app deploys it (StageCode.builtJar: the newest of its name). */
    private static Path stageJar(String jar) {
        try {
            return StageCode.builtJar(REPO, jar);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + " (./mvnw -B verify builds them before infra)", e);
        }
    }

    /** JarHandlerProbe's class files, alone in a folder: the child JVM's class path is the stage jar and this. */
    private static Path copyProbe(Path dir) throws IOException {
        String pkg = JarHandlerProbe.class.getPackageName().replace('.', '/');
        Path classes = Path.of(JarHandlerProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath()).resolve(pkg);
        Path target = Files.createDirectories(dir.resolve(pkg));
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(JarHandlerProbe.class.getSimpleName())).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, target.resolve(file.getFileName()));
                }
            }
        }
        return dir;
    }

    private static Object readJson(Path file) throws IOException {
        return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Argument.of(Object.class));
    }

    private static Map<String, Object> tableProperties(SynthesizedStack synth, String idPrefix) {
        return SynthesizedStack.properties(synth.resources("AWS::DynamoDB::Table").entrySet().stream()
                .filter(e -> e.getKey().startsWith(idPrefix)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("the template has no table " + idPrefix + "...")));
    }
}
