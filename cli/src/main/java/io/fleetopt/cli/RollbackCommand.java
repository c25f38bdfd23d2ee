package io.fleetopt.cli;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.notifier.ResultText;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Undoes a run's changes from the change ledger.",
                "",
                "Restores exactly the values the run's changes replaced, newest first, each checked against the "
                        + "guards (within AWS's limits, and the value the run's snapshot recorded) and written ahead in the "
                        + "change ledger. A setting someone changed again since is left as it is and reported. Running it "
                        + "again changes nothing more.",
                ""},
        footer = {"", "Examples:", "  fleetopt rollback --demo --run 2026-11-02-3fa9",
                "  fleetopt rollback --region eu-west-1 --profile ops --run 2026-11-02-3fa9",
                "  fleetopt rollback --stack fleetopt --region eu-west-1 --run 2026-11-02-3fa9   a deployed run, from its stack's ledger"})
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    AccountOptions account;

    @Mixin
    StackOption stack;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run whose changes to undo.")
    String runId;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who rolls back, for the ledger (default: your user name).")
    String actor = System.getProperty("user.name", "unknown") + " (terminal)";

    @Inject
    AnalyzerPolicy policy;

    @Inject
    Terminal terminal;

    @Override
    public Integer call() {
        RunIds.requireValid(runId);
        try (LocalPipeline pipeline = LocalPipeline.open(account, stack, policy, terminal, "rollback")) {
            RollbackResult result = pipeline.rollback(runId, actor);
            terminal.out.print(ResultText.text(result));
            return result.count(RollbackStatus.FAILED) > 0 ? 1 : 0;
        }
    }
}
