package io.fleetopt.cli;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.RunState;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Read-only: gathers the fleet's configuration and metrics into a snapshot.",
                "",
                "Discovers the functions in scope and collects their configuration, their metrics over the lookback "
                        + "window and their memory use, with the API calls it took. Changes nothing in the account. "
                        + "`fleetopt plan` does the same, then analyzes.",
                ""},
        footer = {"", "Examples:",
                "  fleetopt collect --demo",
                "  fleetopt collect --region us-east-1 --region eu-west-1 --lookback-days 28",
                "  fleetopt collect --region us-east-1 --endpoint-url http://localhost:4566 --output json"})
final class CollectCommand implements Callable<Integer> {

    enum Format { summary, json }

    @Mixin
    AccountOptions account;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "summary",
            description = "summary (default) or json (the FleetSnapshot document).")
    Format output;

    @Inject
    AnalyzerPolicy policy;

    @Inject
    Terminal terminal;

    @Override
    public Integer call() {
        try (ReadOnlyPipeline pipeline = ReadOnlyPipeline.open(account, policy, terminal)) {
            String runId = "collect-" + RunIds.next(pipeline.clock);
            RunState state = pipeline.collect.run(RunState.start(runId), account.collectRequest(runId));
            FleetSnapshot snapshot = pipeline.documents.read(state.snapshotKey(), FleetSnapshot.class, "snapshot");
            switch (output) {
                case json -> terminal.out.print(pipeline.codec.write(snapshot));
                case summary -> terminal.out.print(SnapshotText.text(snapshot, pipeline.account));
            }
            terminal.err.println("(snapshot kept in " + pipeline.documents.locate(state.snapshotKey()) + ")");
            return 0;
        }
    }
}
