package io.fleetopt.infra.simulation;

import io.fleetopt.analyzer.AnalyzeTargetStage;
import io.fleetopt.analyzer.Analyzer;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.IndexRequest;
import io.fleetopt.analyzer.IndexRunStage;
import io.fleetopt.analyzer.rules.RuleSet;
import io.fleetopt.collector.CollectTargetStage;
import io.fleetopt.collector.ListTargetsStage;
import io.fleetopt.collector.OrganizationSettings;
import io.fleetopt.collector.TargetList;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.TargetRunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MapRunResults;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.pricing.OptimizerPricing;
import io.fleetopt.core.pricing.Pricing;
import io.fleetopt.core.scope.Scope;
import io.fleetopt.notifier.NotifyIndexedPlanStage;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One weekly run over an organization, simulated: {@code ./mvnw -B -q -Psimulate verify -pl infra -am}
 * ({@code -Dsim.accounts=100 -Dsim.regions=17 -Dsim.maxFunctions=10000}). The real stage code runs every state of
 * the member-account path: ListTargets writes the (account, region) items, each child execution runs CollectTarget
 * (over {@link GeneratedTargetFleet}, the simulated AWS behind the collector's port: no network) and AnalyzeTarget
 * (the real analyzer on every function), the children's outputs become ResultWriter's manifest and result files,
 * IndexRun writes the run index and NotifyIndexedPlan its message. Step Functions itself is what is simulated:
 * ItemReader, ItemSelector and ResultWriter are done here as it does them, and the events and transitions are
 * counted from the definition's structure ({@link ExecutionHistoryModel}). Prints the figures and writes them to
 * {@code infra/target/simulation-figures.txt}.
 */
@Tag("simulation")
class OrganizationRunSimulation {

    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
            "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1",
            "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "sa-east-1");
    private static final String RUN = "2026-11-02-org";
    private static final long STATE_PAYLOAD_LIMIT = 256 * 1024;
    private static final int HISTORY_LIMIT = 25_000;
    /** The simulated AWS answers at once: a collection's Lambda time is assumed, as OptimizerPricing assumes it. */
    private static final double COLLECT_SECONDS_PER_1000 = 30.0;
    private static final double STAGE_MEMORY_GB = 2.0;
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final int accounts = Integer.getInteger("sim.accounts", 100);
    private final int regions = Integer.getInteger("sim.regions", 17);
    private final int maxFunctions = Integer.getInteger("sim.maxFunctions", 10_000);

    /** Account i's fleet: maxFunctions x ((i + 1) / accounts)^2, so a few large accounts and many small ones. */
    int accountSize(int index) {
        return (int) Math.max(20, Math.round(maxFunctions * Math.pow((index + 1) / (double) accounts, 2)));
    }

    /** A region's share of its account's fleet: 1 / (r + 1), normalized (the first region holds the most). */
    int targetSize(CollectTarget target, Map<String, Integer> accountIndex) {
        int r = REGIONS.indexOf(target.region());
        double harmonic = 0;
        for (int k = 0; k < regions; k++) {
            harmonic += 1.0 / (k + 1);
        }
        return (int) Math.round(accountSize(accountIndex.get(target.accountId())) / (r + 1) / harmonic);
    }

    @Test
    void aWeeklyRunOverAnOrganizationStaysWithinStepFunctionsLimits() throws Exception {
        long started = System.nanoTime();
        DocumentCodec codec = new DocumentCodec();
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        DocumentStore documents = new DocumentStore(store, codec);
        List<String> accountIds = new ArrayList<>();
        Map<String, Integer> accountIndex = new LinkedHashMap<>();
        for (int i = 0; i < accounts; i++) {
            String id = String.format("%012d", 200_000_000_000L + i);
            accountIds.add(id);
            accountIndex.put(id, i);
        }
        ExecutionHistoryModel model = new ExecutionHistoryModel(repoRoot().resolve("statemachine.asl.json"));
        Map<String, Object> map = model.state(model.definition(), "CollectAndAnalyzeEachTarget");
        Payloads payloads = new Payloads();

        // the parent's states up to the Map, as the definition passes them
        Map<String, Object> parent = new LinkedHashMap<>();
        payloads.see("the execution's input (EventBridge)", Map.of("version", "0", "id", "7bf73129-1428-4cd3-a780-95db273d1602",
                "detail-type", "Scheduled Event", "source", "aws.events", "account", "111111111111",
                "time", "2026-11-02T06:00:00Z", "region", "us-east-1",
                "resources", List.of("arn:aws:events:us-east-1:111111111111:rule/fleetopt-WeeklySchedule"), "detail", Map.of()));
        parent.put("run", RunState.start(RUN));
        parent.put("Payload", Map.of("timeoutSeconds", 259_200));
        payloads.see("StartRun output", parent);
        parent.put("deployment", Map.of("organization", true));
        ListTargetsStage listTargets = new ListTargetsStage(() -> accountIds, new OrganizationSettings(accountIds, "",
                "fleetopt-member", "ext-sim"), store, codec);
        TargetList targets = listTargets.run(RunState.start(RUN), REGIONS.subList(0, regions), "aws");
        payloads.see("ListTargets output", targets);
        parent.put("targets", targets);
        payloads.see("CollectAndAnalyzeEachTarget input", parent);
        int itemsBytes = store.get(targets.targetsKey()).orElseThrow().length();

        // every child execution: ItemSelector, CollectTarget, AnalyzeTarget, on the real stage code
        GeneratedTargetFleet fleet = new GeneratedTargetFleet(t -> targetSize(t, accountIndex));
        CollectTargetStage collect = new CollectTargetStage(fleet, store, codec);
        Clock clock = Clock.fixed(Instant.parse("2026-11-02T06:00:00Z"), ZoneOffset.UTC);
        AnalyzeTargetStage analyze = new AnalyzeTargetStage(new Analyzer(AnalyzerPolicy.defaults(), Pricing.standard(),
                RuleSet.standard(), clock), documents);
        CollectRequest request = new CollectRequest(RUN, REGIONS.subList(0, regions), 7, Scope.everything());
        List<String> items = store.get(targets.targetsKey()).orElseThrow().lines().toList();
        List<Map<String, Object>> results = Collections.synchronizedList(new ArrayList<>());
        AtomicLong analyzeNanos = new AtomicLong();
        AtomicLong collectNanos = new AtomicLong();
        AtomicLong largestSnapshot = new AtomicLong();
        AtomicLong largestPlan = new AtomicLong();
        AtomicLong functions = new AtomicLong();
        AtomicLong largestTarget = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<Future<?>> running = new ArrayList<>();
        for (String line : items) {
            running.add(pool.submit(() -> {
                Object item = JSON.readValue(line, Argument.mapOf(String.class, Object.class));
                Map<String, Object> input = itemSelector((Map<String, Object>) map.get("ItemSelector"), item);
                String inputJson = json(input);
                payloads.see("a child execution's input (ItemSelector)", input);
                TargetRunState state = codec.read(inputJson, TargetRunState.class, "child input");
                long c0 = System.nanoTime();
                TargetRunState collected = collect.run(state, request);
                collectNanos.addAndGet(System.nanoTime() - c0);
                payloads.see("CollectTarget output", collected);
                long t0 = System.nanoTime();
                TargetRunState analyzed = analyze.run(collected);
                analyzeNanos.addAndGet(System.nanoTime() - t0);
                payloads.see("AnalyzeTarget output (the child's output)", analyzed);
                functions.addAndGet(analyzed.functionCount());
                largestTarget.accumulateAndGet(analyzed.functionCount(), Math::max);
                largestSnapshot.accumulateAndGet(store.drop(analyzed.snapshotKey()), Math::max);
                largestPlan.accumulateAndGet(store.drop(analyzed.planKey()), Math::max);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("ExecutionArn", "arn:aws:states:us-east-1:111111111111:execution:fleetopt-WeeklyRun/CollectAndAnalyzeEachTarget:" + state.target().path().replace('/', '-'));
                result.put("Input", inputJson);
                result.put("InputDetails", Map.of("Included", true));
                result.put("Name", state.target().path().replace('/', '-'));
                result.put("Output", json(analyzed));
                result.put("OutputDetails", Map.of("Included", true));
                result.put("RedriveCount", 0);
                result.put("Status", "SUCCEEDED");
                results.add(result);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();

        // ResultWriter's files, then IndexRun and NotifyIndexedPlan
        String dir = targets.resultPrefix() + "/5e1c2d9a";
        String resultFile = json(results);
        store.put(dir + "/SUCCEEDED_0.json", resultFile);
        store.put(dir + "/manifest.json", json(Map.of("DestinationBucket", "fleetopt-artifacts", "MapRunArn",
                "arn:aws:states:us-east-1:111111111111:mapRun:fleetopt-WeeklyRun/CollectAndAnalyzeEachTarget:5e1c2d9a",
                "ResultFiles", Map.of("FAILED", List.of(), "PENDING", List.of(),
                        "SUCCEEDED", List.of(Map.of("Key", dir + "/SUCCEEDED_0.json", "Size", resultFile.length()))))));
        Map<String, Object> mapOutput = Map.of("MapRunArn", "arn:aws:states:us-east-1:111111111111:mapRun:fleetopt-WeeklyRun/CollectAndAnalyzeEachTarget:5e1c2d9a",
                "ResultWriterDetails", Map.of("Bucket", "fleetopt-artifacts", "Key", dir + "/manifest.json"));
        payloads.see("CollectAndAnalyzeEachTarget output (ResultWriterDetails)", mapOutput);
        parent.put("targetResults", mapOutput);
        payloads.see("IndexRun input (the state)", parent);
        IndexRequest indexRequest = new IndexRequest((RunState) parent.get("run"), dir + "/manifest.json");
        payloads.see("IndexRun input (Parameters)", indexRequest);
        RunState indexed = new IndexRunStage(new MapRunResults(store), documents, codec).run(indexRequest);
        payloads.see("IndexRun output", indexed);
        parent.put("run", indexed);
        payloads.see("NotifyIndexedPlan output (the state)", parent);
        List<Message> sent = new ArrayList<>();
        new NotifyIndexedPlanStage(sent::add, documents).run(indexed);
        RunIndex index = codec.read(store.get(ArtifactKeys.index(RUN)).orElseThrow(), RunIndex.class, "index");
        long indexBytes = store.get(ArtifactKeys.index(RUN)).orElseThrow().length();

        // events and transitions from the definition; cost
        ExecutionHistoryModel.Path parentPath = model.parent(choice -> switch (choice) {
            case "OneAccountOrMany" -> "ListTargets";
            default -> throw new IllegalStateException("unexpected Choice " + choice);
        });
        ExecutionHistoryModel.Path childPath = model.child("CollectAndAnalyzeEachTarget");
        int children = items.size();
        long transitions = parentPath.transitions() + (long) children * childPath.transitions();
        BigDecimal standard = OptimizerPricing.STATE_TRANSITION_USD.multiply(BigDecimal.valueOf(transitions));
        double analyzeSeconds = analyzeNanos.get() / 1e9;
        double collectSeconds = COLLECT_SECONDS_PER_1000 * functions.get() / 1000.0;
        BigDecimal lambda = OptimizerPricing.LAMBDA_ARM64_GB_SECOND_USD.multiply(BigDecimal.valueOf((collectSeconds + analyzeSeconds) * STAGE_MEMORY_GB))
                .add(OptimizerPricing.LAMBDA_REQUEST_USD.multiply(BigDecimal.valueOf(2L * children + 4)));
        BigDecimal expressChildren = OptimizerPricing.EXPRESS_REQUEST_USD.multiply(BigDecimal.valueOf(children))
                .add(OptimizerPricing.EXPRESS_GB_SECOND_USD.multiply(BigDecimal.valueOf((collectSeconds + analyzeSeconds)
                        * OptimizerPricing.EXPRESS_CHILD_GB)));
        BigDecimal expressTotal = OptimizerPricing.STATE_TRANSITION_USD.multiply(BigDecimal.valueOf(parentPath.transitions())).add(expressChildren);

        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "simulated weekly run: %d accounts x %d regions = %,d (account, region) child executions, %,d functions (largest account %,d, largest target %,d)",
                accounts, regions, children, functions.get(), accountSize(accounts - 1), largestTarget.get()));
        lines.add(String.format(Locale.ROOT, "largest state payload: %,d bytes (%s), limit %,d (%.2f %%)", payloads.largest,
                payloads.largestAt, STATE_PAYLOAD_LIMIT, 100.0 * payloads.largest / STATE_PAYLOAD_LIMIT));
        lines.add(String.format(Locale.ROOT, "largest event history: %d events (the parent: %s); a child execution: %d events (%s); limit %,d",
                Math.max(parentPath.events(), childPath.events()), String.join(" > ", parentPath.states()), childPath.events(),
                String.join(" > ", childPath.states()), HISTORY_LIMIT));
        lines.add(String.format(Locale.ROOT, "items per child execution: 1 (%,d child executions, at most 40 at once)", children));
        lines.add(String.format(Locale.ROOT, "state transitions: %,d (parent %d + %,d children x %d)", transitions, parentPath.transitions(),
                children, childPath.transitions()));
        lines.add(String.format(Locale.ROOT, "run cost: $%s = Step Functions (Standard children) $%s + Lambda $%s (%.0f GB-s: collection assumed %.0f s per 1,000 functions, analysis measured %.0f s, at 2 GB); "
                        + "with Express children: Step Functions $%s; AWS API reads not simulated (the collector benchmark measures them)",
                money(standard.add(lambda)), money(standard), money(lambda), (collectSeconds + analyzeSeconds) * STAGE_MEMORY_GB,
                COLLECT_SECONDS_PER_1000, analyzeSeconds, money(expressTotal)));
        lines.add(String.format(Locale.ROOT, "in S3: items %,d bytes (JSON Lines), result file %,d bytes, run index %,d bytes, largest target snapshot %,d bytes, largest target plan %,d bytes",
                itemsBytes, resultFile.length(), indexBytes, largestSnapshot.get(), largestPlan.get()));
        lines.add(String.format(Locale.ROOT, "the run's plan: %,d items, %,d changes to approve, est. $%s/month; message %,d characters",
                index.totals().itemCount(), index.totals().applyItemCount(), money(index.totals().monthlySavingUsd()),
                sent.get(0).body().length()));
        lines.add(String.format(Locale.ROOT, "simulation time: %.0f s on %d threads (CollectTarget over the generated fleet %.0f s, AnalyzeTarget %.0f s, summed over threads)",
                (System.nanoTime() - started) / 1e9, Runtime.getRuntime().availableProcessors(), collectNanos.get() / 1e9, analyzeSeconds));
        lines.forEach(System.out::println);
        Path figures = repoRoot().resolve("infra/target/simulation-figures.txt");
        Files.createDirectories(figures.getParent());
        Files.writeString(figures, String.join("\n", lines) + "\n");

        assertEquals(children, index.targets().size());
        assertEquals(functions.get(), index.totals().functionCount());
        assertTrue(payloads.largest < STATE_PAYLOAD_LIMIT / 16, "state payload " + payloads.largest + " at " + payloads.largestAt);
        assertTrue(parentPath.events() < HISTORY_LIMIT / 100 && childPath.events() < HISTORY_LIMIT / 100);
    }

    /** The Map's ItemSelector as Step Functions applies it: {@code $.run.runId} and the item itself. */
    private static Map<String, Object> itemSelector(Map<String, Object> selector, Object item) {
        Map<String, Object> input = new LinkedHashMap<>();
        selector.forEach((key, value) -> {
            if (!key.endsWith(".$")) {
                input.put(key, value);
            } else if ("$.run.runId".equals(value)) {
                input.put(key.substring(0, key.length() - 2), RUN);
            } else if ("$$.Map.Item.Value".equals(value)) {
                input.put(key.substring(0, key.length() - 2), item);
            } else {
                throw new IllegalStateException("the ItemSelector uses a path the simulation does not apply: " + key);
            }
        });
        return input;
    }

    /** The largest payload seen, and where. */
    private static final class Payloads {
        long largest;
        String largestAt;

        synchronized void see(String where, Object payload) {
            long bytes = json(payload).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > largest) {
                largest = bytes;
                largestAt = where;
            }
        }
    }

    private static String json(Object value) {
        try {
            return new String(JSON.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String money(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("statemachine.asl.json")) ? here : here.getParent();
    }
}
