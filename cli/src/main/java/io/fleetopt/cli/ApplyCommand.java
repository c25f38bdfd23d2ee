package io.fleetopt.cli;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.applier.DecisionCheck;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.RunDecisions;
import io.fleetopt.notifier.ResultText;
import jakarta.inject.Inject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Applies the approved changes of a stored plan.",
                "",
                "Applies the changes you approve now (--all or --approve), or without them the run's earlier "
                        + "decision again (the newest decision of a person: a deployed run's review page, or this "
                        + "command's), after checking it against the plan's digest, through the same steps as the weekly run: each change checked against the "
                        + "guards, written ahead in the change ledger, applied, then recorded; then the guard alarms and "
                        + "the summary. Idempotent: what is already applied is reported ALREADY_APPLIED, a function changed "
                        + "since the plan is skipped as drift, and a run that was interrupted is completed from the ledger.",
                ""},
        footer = {"", "Examples:",
                "  fleetopt apply --demo --run 2026-11-02-3fa9 --all",
                "  fleetopt apply --demo --run 2026-11-02-3fa9 --approve memory-1a2b3c4d,timeout-1a2b3c4d",
                "  fleetopt apply --demo --run 2026-11-02-3fa9          re-applies its earlier decision",
                "  fleetopt apply --region eu-west-1 --profile ops --run plan-2026-11-02-3fa9 --all",
                "  fleetopt apply --stack fleetopt --region eu-west-1 --run 2026-11-02-3fa9   a deployed run, from its stack's bucket and ledger"})
final class ApplyCommand implements Callable<Integer> {

    @Mixin
    AccountOptions account;

    @Mixin
    StackOption stack;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run whose plan to apply.")
    String runId;

    @ArgGroup(exclusive = true)
    Choice choice;

    static final class Choice {
        @Option(names = "--all", description = "Approve every change of the plan.")
        boolean all;

        @Option(names = "--approve", split = ",", paramLabel = "ID", description = "Approve these item ids (comma-separated).")
        List<String> ids;
    }

    @Option(names = "--approver", paramLabel = "NAME", description = "Who approves, for the ledger (default: your user name).")
    String approver = System.getProperty("user.name", "unknown") + " (terminal)";

    @Inject
    AnalyzerPolicy policy;

    @Inject
    Terminal terminal;

    @Override
    public Integer call() {
        RunIds.requireValid(runId);
        try (LocalPipeline pipeline = LocalPipeline.open(account, stack, policy, terminal, "apply")) {
            String planKey = ArtifactKeys.plan(runId);
            Plan plan = pipeline.documents.find(planKey, Plan.class).orElseThrow(() ->
                    new UsageException("no plan for run '" + runId + "' in " + pipeline.documents.locate(planKey)));
            String decisionKey = ArtifactKeys.decision(runId);
            Decision decision;
            // the run's earlier decision of a person (RunDecisions), checked against the plan before anything is applied
            if (choice != null) {
                List<String> approved = choice.all ? plan.applicableItems().stream().map(Recommendation::id).toList() : choice.ids;
                List<String> rejected = new ArrayList<>();
                plan.applicableItems().stream().map(Recommendation::id).filter(id -> !approved.contains(id)).forEach(rejected::add);
                decision = Decision.of(plan, approved, rejected, approver, pipeline.clock.instant());
                pipeline.codec.validate(decision, "--approve");
                // checked before it is kept: a refused decision leaves the run's earlier one as it was
                DecisionCheck.requireMatches(plan, decision, choice.all ? "--all" : "--approve");
                decision = pipeline.decisions.write(decisionKey, decision, plan, null);
            } else {
                RunDecisions.Counting counting = recordedDecision(pipeline, plan);
                decisionKey = counting.key();
                decision = counting.decision();
            }
            RunState state = new RunState(runId, ArtifactKeys.snapshot(runId), planKey, decisionKey, null,
                    0, plan.items().size(), plan.applicableItems().size(), plan.totals().monthlySavingUsd());
            ApplyFlow.AutoApplied autoApplied = pipeline.apply.autoApply(state);
            ApplyFlow.Applied applied = pipeline.apply.applyApproved(state, autoApplied, decisionKey, decision);
            terminal.out.print(ResultText.text(applied.result()));
            terminal.out.printf(java.util.Locale.ROOT, "Guard alarms on the changed functions: %d wired (%s).%s%n",
                    applied.alarms().size(), pipeline.account.alarmsGoTo(),
                    applied.summarySent() ? " The summary went to " + pipeline.outbox + "." : " (The summary of this result was sent before.)");
            return applied.result().count(ApplyStatus.FAILED) > 0 ? 1 : 0;
        }
    }

    /**
     * Without --all or --approve: the decision of a person that counts for the run ({@link RunDecisions}), where a
     * deployed run's review page and this command record them, bound to the plan by its digest; says which it applies.
     */
    private RunDecisions.Counting recordedDecision(LocalPipeline pipeline, Plan plan) {
        String prefix = ArtifactKeys.decisions(runId);
        List<String> keys = RunDecisions.candidates(runId, pipeline.storage.runs().keysUnder(prefix));
        RunDecisions.Counting counting = RunDecisions.counting(keys, key -> pipeline.documents.find(key, Decision.class))
                .orElseThrow(() -> new UsageException("run '" + runId + "' has no decision of a person in "
                        + pipeline.documents.locate(ArtifactKeys.decision(runId)) + " or below " + pipeline.documents.locate(prefix)
                        + ": decide with --all or --approve ID,..."));
        if (counting.ambiguous()) {
            throw new UsageException("run '" + runId + "' has " + counting.pageDecisions().size() + " decisions from the review "
                    + "page (" + String.join(", ", counting.pageDecisions()) + "): it takes one answer per run, so two answers "
                    + "raced and the command line cannot tell which one the run accepted; nothing was applied. Decide here "
                    + "with --all or --approve ID,...");
        }
        DecisionCheck.requireMatches(plan, counting.decision(), pipeline.documents.locate(counting.key()));
        Decision decision = counting.decision();
        terminal.out.printf(java.util.Locale.ROOT, "Applying decision %s by %s, decided at %s: %d approved, %d rejected.%n",
                pipeline.documents.locate(counting.key()), decision.approver(), decision.decidedAt(),
                decision.approvedItemIds().size(), decision.rejectedItemIds().size());
        if (!counting.others().isEmpty()) {
            terminal.out.printf(java.util.Locale.ROOT, "  the newest of the run's %d decisions of a person; also recorded: %s%n",
                    counting.others().size() + 1, String.join(", ", counting.others()));
        }
        return counting;
    }
}
