package io.fleetopt.cli;

import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.scope.Scope;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which account to work on, where local state lives, and which functions are in scope. */
public final class AccountOptions {

    @Option(names = "--demo", description = "Use the built-in demo account (no AWS credentials needed).")
    boolean demo;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".fleetopt",
            description = "Folder for local state: the demo account, plans, the change ledger, the outbox (default: the .fleetopt folder here).")
    Path stateDir;

    @Option(names = "--reset", description = "Start the demo account over from its initial fleet (forgets its changes).")
    boolean reset;

    @Option(names = "--region", paramLabel = "REGION", description = "Region to look at; repeat for several (default: us-east-1).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--lookback-days", paramLabel = "DAYS", defaultValue = "14",
            description = "Days of metrics to judge by, at least 7 (default: ${DEFAULT-VALUE}).")
    int lookbackDays;

    @Option(names = "--scope-tag", paramLabel = "KEY=VALUE", description = "Only functions with this tag; repeat to require several.")
    List<String> scopeTags = new ArrayList<>();

    @Option(names = "--name-pattern", paramLabel = "GLOB", description = "Only functions whose name matches; repeat for alternatives (e.g. 'orders-*').")
    List<String> namePatterns = new ArrayList<>();

    CollectRequest collectRequest(String runId) {
        List<String> chosen = regions.isEmpty() ? List.of("us-east-1") : List.copyOf(regions);
        return new CollectRequest(runId, chosen, lookbackDays, new Scope(List.copyOf(scopeTags), List.copyOf(namePatterns)));
    }
}
