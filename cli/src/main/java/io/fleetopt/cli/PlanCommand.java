package io.fleetopt.cli;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.notifier.PlanText;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Read-only: shows what fleetopt would change and why.",
                "",
                "Collects the fleet and prints each proposed change with its evidence, risk and monthly saving, "
                        + "the findings its owners have to act on, and the functions left alone with the reason. "
                        + "Changes nothing in the account.",
                ""},
        footer = {"", "Examples:",
                "  fleetopt plan --demo",
                "  fleetopt plan --demo --output json > plan.json",
                "  fleetopt plan --demo --name-pattern 'orders-*' --output md",
                "  fleetopt plan --region eu-west-1 --profile prod-readonly --scope-tag team=payments"})
final class PlanCommand implements Callable<Integer> {

    enum Format { table, json, md }

    @Mixin
    AccountOptions account;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json (a Plan document) or md (Markdown).")
    Format output;

    @Inject
    AnalyzerPolicy policy;

    @Inject
    Terminal terminal;

    @Override
    public Integer call() {
        try (ReadOnlyPipeline pipeline = ReadOnlyPipeline.open(account, policy, terminal)) {
            String runId = "plan-" + RunIds.next(pipeline.clock);
            RunState state = pipeline.collect.run(RunState.start(runId), account.collectRequest(runId));
            state = pipeline.analyze.run(state);
            Plan plan = pipeline.documents.read(state.planKey(), Plan.class, "plan");
            switch (output) {
                case json -> terminal.out.print(pipeline.codec.write(plan));
                case md -> terminal.out.print(PlanText.markdown(plan) + PlanAccountingText.text(plan));
                case table -> terminal.out.print(PlanText.text(plan) + PlanAccountingText.text(plan));
            }
            terminal.err.println("(plan kept in " + pipeline.documents.locate(state.planKey()) + ")");
            return 0;
        }
    }
}
