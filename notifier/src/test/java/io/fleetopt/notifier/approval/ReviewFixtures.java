package io.fleetopt.notifier.approval;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.SkippedFunction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Generated plans for the approval tests. */
public final class ReviewFixtures {

    static final String ACCOUNT = "123456789012";
    static final Instant REQUESTED_AT = Instant.parse("2026-11-02T06:10:00Z");

    private ReviewFixtures() {
    }

    // --- plans

    /**
     * A plan of {@code functions} functions with a memory, a timeout and a log-retention change each (APPLY; the
     * third function's memory change is HIGH risk), a runtime finding on every fifth, and two functions left alone.
     */
    public static Plan plan(String runId, int functions) {
        List<Recommendation> items = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            String name = String.format("orders-%04d", f);
            String arn = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name;
            items.add(item("memory-" + f, arn, name, RecommendationKind.MEMORY, "1024", "512", f == 2 ? Risk.HIGH : Risk.LOW,
                    Action.APPLY, "max memory used 301 MB over 14 days (29 % of 1,024 MB): 512 MB keeps 41 % headroom.",
                    new BigDecimal("12.40").add(BigDecimal.valueOf(f % 7))));
            items.add(item("timeout-" + f, arn, name, RecommendationKind.TIMEOUT, "900", "30", Risk.MEDIUM, Action.APPLY,
                    "longest invocation 8.2 s over 14 days: 30 s is 3.6 times that.", BigDecimal.ZERO));
            items.add(item("retention-" + f, arn, name, RecommendationKind.LOG_RETENTION, "never", "30", Risk.LOW, Action.APPLY,
                    "the log group keeps 41.3 GB forever: 30 days keeps what people read and saves storage.", new BigDecimal("1.24")));
            if (f % 5 == 0) {
                items.add(item("runtime-" + f, arn, name, RecommendationKind.RUNTIME, "nodejs16.x", "nodejs22.x", Risk.MEDIUM,
                        Action.REPORT_ONLY, "nodejs16.x is deprecated: the owner moves it to nodejs22.x and tests it.", BigDecimal.ZERO));
            }
        }
        BigDecimal saving = items.stream().filter(i -> i.action() == Action.APPLY).map(Recommendation::monthlySavingUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        long apply = items.stream().filter(i -> i.action() == Action.APPLY).count();
        List<SkippedFunction> skipped = List.of(
                new SkippedFunction("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:legacy-batch", "legacy-batch",
                        "tagged fleetopt:skip=true"),
                new SkippedFunction("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:new-api", "new-api",
                        "only 4 days of data, 7 needed"));
        return new Plan(Plan.SCHEMA_VERSION, runId, REQUESTED_AT, items, skipped,
                new PlanTotals(functions + 2, items.size(), (int) apply, items.size() - (int) apply, 2, saving, Map.of(), Map.of()),
                List.of());
    }

    /**
     * The plan of {@link #plan} for one (account, region) of a run over member accounts: its functions live there, and
     * its item ids name the target (ids are stable per function ARN, so they differ between targets).
     */
    public static Plan memberPlan(String runId, String account, String region, int functions) {
        Plan plan = plan(runId, functions);
        String from = "us-east-1:" + ACCOUNT + ":";
        String to = region + ":" + account + ":";
        List<Recommendation> items = plan.items().stream().map(i -> new Recommendation(i.id() + "-" + account + "-" + region,
                i.functionArn().replace(from, to), i.functionName(), i.kind(), i.currentValue(), i.proposedValue(), i.risk(),
                i.action(), i.rationale(), i.monthlySavingUsd(), i.assumptions(), i.plannedRevisionId(), i.warnings())).toList();
        List<SkippedFunction> skipped = plan.skipped().stream()
                .map(k -> new SkippedFunction(k.functionArn().replace(from, to), k.functionName(), k.reason())).toList();
        return new Plan(plan.schemaVersion(), runId, plan.createdAt(), items, skipped, plan.totals(), plan.warnings());
    }

    private static Recommendation item(String id, String arn, String name, RecommendationKind kind, String current, String proposed,
                                       Risk risk, Action action, String rationale, BigDecimal saving) {
        return new Recommendation(id, arn, name, kind, current, proposed, risk, action, rationale, saving, List.of(),
                action == Action.APPLY ? "rev-1" : null, List.of());
    }

    /** The index entry of {@code target}'s plan, the plan written where the entry says. */
    static io.fleetopt.core.model.RunIndex.Entry indexEntry(io.fleetopt.core.port.DocumentStore documents, String runId,
                                                           io.fleetopt.core.model.CollectTarget target, Plan plan) {
        String key = documents.write(io.fleetopt.core.port.ArtifactKeys.plan(runId, target), plan);
        return new io.fleetopt.core.model.RunIndex.Entry(target.accountId(), target.region(),
                io.fleetopt.core.port.ArtifactKeys.snapshot(runId, target), key, io.fleetopt.core.model.PlanDigest.of(plan),
                plan.totals().functionsAnalyzed(), plan.items().size(), plan.applicableItems().size(),
                plan.applicableItems().stream().map(Recommendation::monthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
