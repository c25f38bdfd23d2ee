package io.fleetopt.cli;

import io.fleetopt.applier.aws.LambdaFunctionConfigurator;
import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.collector.aws.AwsCollectorOptions;
import io.fleetopt.collector.aws.AwsFleetSource;
import io.fleetopt.collector.aws.ConsoleProgress;
import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.FleetSource;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionSettingsReader;
import io.fleetopt.core.port.FunctionTrafficReader;
import io.fleetopt.aws.LambdaSettingsReader;
import io.fleetopt.core.port.FunctionUsageHistory;
import io.fleetopt.notifier.aws.CloudWatchAlarmPort;
import io.fleetopt.notifier.aws.CloudWatchFunctionUsage;
import io.fleetopt.notifier.aws.CostExplorerCostHistory;
import io.fleetopt.notifier.aws.NotifierClients;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The account a changing command works on, as the ports the stages take: the built-in demo account (one object
 * behind every port), or a real AWS account through the stages' own AWS adapters (the collector's reads, the
 * applier's {@link LambdaFunctionConfigurator}, the notifier's CloudWatch alarms and usage, Cost Explorer, the shared
 * read-only {@link LambdaSettingsReader} for the savings check). Either
 * way the artifacts, the ledger and the messages stay in the local state folder; {@link LocalPipeline} runs the same
 * stages on both.
 *
 * @param demo         the demo account, or null on a real account
 * @param label        how messages name the account
 * @param accountFlags the options that make a printed {@code fleetopt} command work on this same account and scope
 * @param regions      the regions the guards allow changes in
 * @param alarmsGoTo   where guard alarms are put, for the output
 * @param resources    closes what the adapters opened (the SDK clients)
 */
record AccountAdapters(FleetSource source, FunctionConfigurator configurator, AlarmPort alarms, CostHistory costs,
                       FunctionUsageHistory usage, @Nullable FunctionSettingsReader live, @Nullable FunctionTrafficReader traffic,
                       Clock clock, @Nullable DemoAccount demo,
                       String label, String accountFlags, List<String> regions, String alarmsGoTo, Runnable resources) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:=@+,%-]+");

    static AccountAdapters open(AccountOptions options, DocumentCodec codec) {
        return options.demo ? demo(options, codec) : aws(options);
    }

    private static AccountAdapters demo(AccountOptions options, DocumentCodec codec) {
        DemoAccount account = DemoAccount.open(options.stateDir, options.reset, codec);
        List<String> regions = options.regions.isEmpty() ? List.of(DemoAccount.REGION) : List.copyOf(options.regions);
        return new AccountAdapters(account, account, account, account, account, account, account, account.clock(), account,
                DemoAccount.ACCOUNT_ID + " (demo)", "--demo" + stateDirFlag(options.stateDir), regions,
                "the demo account's alarms", () -> { });
    }

    private static AccountAdapters aws(AccountOptions options) {
        AwsClients clients = new AwsClients(new AwsClientSettings(null, options.profile,
                options.endpointUrl == null ? null : URI.create(options.endpointUrl), null, AwsClientSettings.DEFAULT_API_CALL_TIMEOUT));
        List<String> regions = options.regions.isEmpty() ? List.of(clients.region().id()) : List.copyOf(options.regions);
        AwsFleetSource source = AwsFleetSource.create(AwsCollectorOptions.of(regions, options.profile, options.endpointUrl,
                ConsoleProgress.onTerminal()));
        NotifierClients notifierClients = new NotifierClients(clients);
        List<LambdaFunctionConfigurator> configurators = new ArrayList<>();
        List<CloudWatchAlarmPort> alarmPorts = new ArrayList<>();
        for (String region : regions) {
            AwsClients regional = clients.inRegion(region);
            configurators.add(new LambdaFunctionConfigurator(regional.build(LambdaClient.builder()),
                    regional.build(CloudWatchLogsClient.builder()), LambdaFunctionConfigurator.UpdateWait.standard()));
            // no SNS topic from a laptop: the alarms have no action; the weekly run's topic is the deployed stack's
            alarmPorts.add(new CloudWatchAlarmPort(regional.build(CloudWatchClient.builder()), null));
        }
        RegionalAccount regional = new RegionalAccount(regions, configurators, alarmPorts);
        CloudWatchFunctionUsage usage = new CloudWatchFunctionUsage(notifierClients::cloudWatchIn);
        CostExplorerCostHistory costs = new CostExplorerCostHistory(notifierClients.costExplorer());
        // the savings check reads live settings and aliases with the read-only reader the deployed VerifyEarlierChanges uses
        LambdaSettingsReader live = LambdaSettingsReader.of(clients);
        String label = "AWS account in " + String.join(", ", regions) + (options.profile == null ? "" : " (profile " + options.profile + ")");
        return new AccountAdapters(source, regional, regional, costs, usage, live, live, Clock.systemUTC(), null, label,
                awsFlags(options, regions), regions, "CloudWatch in " + String.join(", ", regions) + " (no alarm action: no SNS topic from the command line)",
                () -> {
                    usage.close();
                    costs.close();
                    live.close();
                    clients.close();
                });
    }

    /** --region for each region, --profile, --endpoint-url, the scope options and --state-dir, as given. */
    private static String awsFlags(AccountOptions options, List<String> regions) {
        List<String> flags = new ArrayList<>();
        regions.forEach(r -> flags.add("--region " + quoted(r)));
        if (options.profile != null) {
            flags.add("--profile " + quoted(options.profile));
        }
        if (options.endpointUrl != null) {
            flags.add("--endpoint-url " + quoted(options.endpointUrl));
        }
        options.scopeTags.forEach(t -> flags.add("--scope-tag " + quoted(t)));
        options.namePatterns.forEach(p -> flags.add("--name-pattern " + quoted(p)));
        return String.join(" ", flags) + stateDirFlag(options.stateDir);
    }

    private static String stateDirFlag(Path stateDir) {
        return stateDir.normalize().equals(LocalPipeline.DEFAULT_STATE_DIR) ? "" : " --state-dir " + quoted(stateDir.toString());
    }

    /** As a POSIX shell reads it back: plain words as they are, anything else in single quotes. */
    static String quoted(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    boolean isDemo() {
        return demo != null;
    }
}
