package io.fleetopt.analyzer;

import io.fleetopt.analyzer.rules.AliasItems;
import io.fleetopt.analyzer.rules.MinimumSaving;
import io.fleetopt.analyzer.rules.Rule;
import io.fleetopt.analyzer.rules.RuleContext;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.CollectionCost;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionVerdict;
import io.fleetopt.core.model.LearnedResponses;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.OptimizerCost;
import io.fleetopt.core.model.Verdict;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.SkippedFunction;
import io.fleetopt.core.pricing.OptimizerPricing;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns a snapshot into a plan: out-of-scope functions are left alone with their reason; a function with thin or
 * unavailable evidence goes only through the rules that read its configuration; every other function goes through
 * each rule. Every function gets a verdict: items, left alone (why), or nothing to change (what was checked). Pure and deterministic: the same snapshot gives the same plan,
 * whatever the order of its functions (they are analyzed by ARN; items are sorted by saving, then name, then id).
 */
public final class Analyzer {

    public static final String STACK_TAG = "aws:cloudformation:stack-name";

    private final AnalyzerPolicy policy;
    private final Pricing pricing;
    private final List<Rule> rules;
    private final Clock clock;

    public Analyzer(AnalyzerPolicy policy, Pricing pricing, List<Rule> rules, Clock clock) {
        this.policy = policy;
        this.pricing = pricing.withOverrides(policy.priceOverrideEntries());
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    public Plan analyze(FleetSnapshot snapshot) {
        return analyze(snapshot, LearnedResponses.none());
    }

    /** The plan of {@code snapshot}, sizing memory and timeouts from the responses earlier changes measured. */
    public Plan analyze(FleetSnapshot snapshot, LearnedResponses learned) {
        EvidenceCheck evidence = new EvidenceCheck(policy, snapshot.lookbackDays());
        ConcurrencyBudget budget = new ConcurrencyBudget(snapshot.accountConcurrency().unreservedConcurrentExecutions(),
                policy.minUnreservedConcurrency());
        Map<String, Pricing> pricingByRegion = new LinkedHashMap<>();
        List<Recommendation> items = new ArrayList<>();
        List<SkippedFunction> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>(snapshot.warnings());
        TreeSet<String> unpricedRegions = new TreeSet<>();
        List<FunctionProfile> functions = new ArrayList<>(snapshot.functions());
        functions.sort(Comparator.comparing(FunctionProfile::arn));
        List<FunctionVerdict> verdicts = new ArrayList<>();
        for (FunctionProfile function : functions) {
            Optional<String> leftAlone = snapshot.scope().exclusionReason(function.name(), function.config())
                    .or(() -> FunctionPolicy.unclearSkipTag(function.config()));
            if (leftAlone.isPresent()) {
                skipped.add(new SkippedFunction(function.arn(), function.name(), leftAlone.get()));
                verdicts.add(new FunctionVerdict(function.arn(), function.name(), Verdict.LEFT_ALONE, 0, leftAlone.get(),
                        function.metrics().evidenceUnavailable()));
                continue;
            }
            Optional<String> thin = evidence.thinEvidenceReason(function.metrics());
            FunctionPolicy own = FunctionPolicy.resolve(policy, function.config());
            own.problems().forEach(problem -> warnings.add(function.name() + ": " + problem));
            if (!pricing.hasTableFor(function.region())) {
                unpricedRegions.add(function.region());
            }
            Pricing regional = pricingByRegion.computeIfAbsent(function.region(), pricing::in);
            List<Recommendation> functionItems = new ArrayList<>();
            RuleContext context = new RuleContext(policy, own, regional, snapshot, budget, functionItems, learned);
            List<Rule> applicable = thin.isPresent() ? rules.stream().filter(r -> !r.needsMetricEvidence()).toList() : rules;
            for (Rule rule : applicable) {
                rule.evaluate(function, context).map(item -> guardInfrastructureAsCode(function, item))
                        .map(item -> AliasItems.review(function, item, regional))
                        .map(item -> MinimumSaving.review(item, policy)).ifPresent(functionItems::add);
            }
            items.addAll(functionItems);
            verdicts.add(verdict(function, functionItems, applicable, thin));
            if (thin.isPresent()) {
                skipped.add(new SkippedFunction(function.arn(), function.name(), thin.get()));
            }
        }
        unpricedRegions.forEach(region -> warnings.add("no price table for " + region + ": priced as "
                + Pricing.DEFAULT_REGION + "; set fleetopt.analyzer.price-overrides to correct it"));
        items.sort(Comparator.comparing(Recommendation::monthlySavingUsd).reversed()
                .thenComparing(Recommendation::functionName).thenComparing(Recommendation::id));
        skipped.sort(Comparator.comparing(SkippedFunction::functionName).thenComparing(SkippedFunction::functionArn));
        verdicts.sort(Comparator.comparing(FunctionVerdict::functionName).thenComparing(FunctionVerdict::functionArn));
        PlanTotals totals = totals(snapshot, items, skipped);
        OptimizerCost ownCost = OptimizerPricing.weeklyRun(
                snapshot.collectionCost() == null ? CollectionCost.none() : snapshot.collectionCost(),
                snapshot.functions().size(), totals.applyItems());
        return new Plan(Plan.SCHEMA_VERSION, snapshot.runId(), clock.instant(), List.copyOf(items), List.copyOf(skipped),
                totals, List.copyOf(warnings), List.copyOf(verdicts), ownCost);
    }

    /**
     * The function's line in the plan's accounting: with items, what could not be assessed beside them; without,
     * either the thin-evidence reason (left alone) or what was checked (nothing to change).
     */
    private static FunctionVerdict verdict(FunctionProfile function, List<Recommendation> items, List<Rule> ran,
                                           Optional<String> thin) {
        FunctionMetrics metrics = function.metrics();
        String memory = metrics.memorySource() != MemorySource.NONE ? "memory from " + metrics.memorySource().description()
                : metrics.memoryGap() != null ? "memory not assessed: " + metrics.memoryGap()
                : "memory not assessed: no memory source";
        String detail;
        Verdict verdict;
        if (!items.isEmpty()) {
            verdict = Verdict.ITEMS;
            detail = thin.map(reason -> "only configuration checked: " + reason).orElse(memory);
        } else if (thin.isPresent()) {
            verdict = Verdict.LEFT_ALONE;
            detail = thin.get() + "; configuration checked: " + kinds(ran);
        } else {
            verdict = Verdict.NOTHING_TO_CHANGE;
            detail = "checked " + kinds(ran) + "; " + memory;
        }
        return new FunctionVerdict(function.arn(), function.name(), verdict, items.size(), detail, metrics.evidenceUnavailable());
    }

    private static String kinds(List<Rule> rules) {
        return String.join(", ", rules.stream().map(r -> r.kind().label()).distinct().toList());
    }

    /** The CloudFormation stack that manages a function (CDK deploys through one too), if any. */
    static Optional<String> managingStack(FunctionConfig config) {
        return Optional.ofNullable(config.cloudFormationStack()).or(() -> Optional.ofNullable(config.tags().get(STACK_TAG)));
    }

    /** A change made out of band to a stack-managed function is drift the next deploy reverts. */
    private Recommendation guardInfrastructureAsCode(FunctionProfile function, Recommendation item) {
        Optional<String> stack = managingStack(function.config());
        if (stack.isEmpty() || item.action() != Action.APPLY) {
            return item;
        }
        String warning = "managed by CloudFormation stack " + stack.get()
                + ": the next deploy reverts a change made here; change it in the stack";
        Action action = policy.iacManagedReportOnly() ? Action.REPORT_ONLY : Action.APPLY;
        return new Recommendation(item.id(), item.functionArn(), item.functionName(), item.kind(), item.currentValue(),
                item.proposedValue(), item.risk(), action, item.rationale(), item.monthlySavingUsd(), item.assumptions(),
                item.plannedRevisionId(), Stream.concat(item.warnings().stream(), Stream.of(warning)).toList());
    }

    private static PlanTotals totals(FleetSnapshot snapshot, List<Recommendation> items, List<SkippedFunction> skipped) {
        Map<String, BigDecimal> byKind = new HashMap<>();
        Map<String, BigDecimal> byFunction = new HashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Recommendation item : items) {
            byKind.merge(item.kind().name(), item.monthlySavingUsd(), BigDecimal::add);
            byFunction.merge(item.functionName(), item.monthlySavingUsd(), BigDecimal::add);
            total = total.add(item.monthlySavingUsd());
        }
        int apply = (int) items.stream().filter(i -> i.action() == Action.APPLY).count();
        // summed in hash maps (fast for large fleets), listed in name order
        return new PlanTotals(snapshot.functions().size() - skipped.size(), items.size(), apply, items.size() - apply,
                skipped.size(), total, new TreeMap<>(byKind), new TreeMap<>(byFunction));
    }
}
