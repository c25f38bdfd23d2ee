package io.fleetopt.cli;

import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.scope.Scope;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which account to work on (the demo account, or a real one: regions, profile, endpoint), where local state lives, and which functions are in scope. */
public final class AccountOptions {

    @Option(names = "--demo", description = "Use the built-in demo account (no AWS credentials needed).")
    boolean demo;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".fleetopt",
            description = "Folder for local state: the demo account, plans, the change ledger, the outbox (default: the .fleetopt folder here).")
    Path stateDir;

    @Option(names = "--reset", description = "Start the demo account over from its initial fleet (forgets its changes).")
    boolean reset;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region to look at; repeat for several (default: the demo's us-east-1, or your AWS configuration's region).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS credentials profile to work on the account with (default: the usual AWS chain).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every AWS call here instead (a local AWS emulator), as the AWS CLI's option.")
    String endpointUrl;

    @Option(names = "--lookback-days", paramLabel = "DAYS", defaultValue = "14",
            description = "Days of metrics to judge by, at least 7 (default: ${DEFAULT-VALUE}).")
    int lookbackDays;

    @Option(names = "--scope-tag", paramLabel = "KEY=VALUE", description = "Only functions with this tag; repeat to require several.")
    List<String> scopeTags = new ArrayList<>();

    @Option(names = "--name-pattern", paramLabel = "GLOB", description = "Only functions whose name matches; repeat for alternatives (e.g. 'orders-*').")
    List<String> namePatterns = new ArrayList<>();

    /**
     * Refuses options that only make sense for one kind of account with the other, a state folder that is not a
     * writable folder, and (on a real account) a region name no AWS partition has; returns the warnings to print
     * (an unknown region on the demo account, which has its functions in {@code us-east-1} only).
     */
    List<String> requireConsistent() {
        if (demo && (profile != null || endpointUrl != null)) {
            throw new UsageException("--profile and --endpoint-url read a real AWS account; drop them, or drop --demo");
        }
        if (!demo && reset) {
            throw new UsageException("--reset starts the demo account over; it goes with --demo");
        }
        if (endpointUrl != null && !endpointUrl.matches("https?://.+")) {
            throw new UsageException("--endpoint-url '" + endpointUrl + "' is not an http(s) URL");
        }
        List<String> unknownRegions = RegionNames.unknown(regions);
        if (!demo && !unknownRegions.isEmpty()) {
            throw new UsageException(RegionNames.describe(unknownRegions) + ": give the regions your functions run in");
        }
        StateDirCheck.requireUsable(stateDir);
        if (!unknownRegions.isEmpty()) {
            return List.of("warning: " + RegionNames.describe(unknownRegions) + "; the demo account's functions are in "
                    + io.fleetopt.core.demo.DemoAccount.REGION + ", so nothing is collected there");
        }
        return List.of();
    }

    CollectRequest collectRequest(String runId) {
        List<String> chosen = regions.isEmpty() && demo ? List.of(io.fleetopt.core.demo.DemoAccount.REGION) : List.copyOf(regions);
        return new CollectRequest(runId, chosen, lookbackDays, new Scope(List.copyOf(scopeTags), List.copyOf(namePatterns)));
    }
}
