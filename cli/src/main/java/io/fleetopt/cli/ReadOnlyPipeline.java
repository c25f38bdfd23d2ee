package io.fleetopt.cli;

import io.fleetopt.analyzer.AnalyzeStage;
import io.fleetopt.analyzer.Analyzer;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.rules.RuleSet;
import io.fleetopt.collector.CollectStage;
import io.fleetopt.collector.aws.AwsCollectorOptions;
import io.fleetopt.collector.aws.AwsFleetSource;
import io.fleetopt.collector.aws.ConsoleProgress;
import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.FleetSource;
import io.fleetopt.core.pricing.Pricing;

import java.time.Clock;

/**
 * Collect and Analyze only, which change nothing: on the demo account, or on a real AWS account through the
 * collector's read-only calls. The documents go to the local state folder either way.
 */
final class ReadOnlyPipeline implements AutoCloseable {

    final DocumentCodec codec = new DocumentCodec();
    final Clock clock;
    final String account;
    final DocumentStore documents;
    final CollectStage collect;
    final AnalyzeStage analyze;

    private ReadOnlyPipeline(AccountOptions options, AnalyzerPolicy policy) {
        options.requireConsistent();
        FleetSource source;
        if (options.demo) {
            DemoAccount demo = DemoAccount.open(options.stateDir, options.reset, codec);
            source = demo;
            clock = demo.clock();
            account = "the demo account " + DemoAccount.ACCOUNT_ID;
        } else {
            source = AwsFleetSource.create(AwsCollectorOptions.of(options.regions, options.profile, options.endpointUrl,
                    ConsoleProgress.onTerminal()));
            clock = Clock.systemUTC();
            account = "AWS" + (options.profile == null ? "" : " (profile " + options.profile + ")");
        }
        ArtifactStore store = new DirectoryArtifactStore(options.stateDir.resolve("artifacts"));
        documents = new DocumentStore(store, codec);
        collect = new CollectStage(source, store, codec);
        analyze = new AnalyzeStage(new Analyzer(policy, Pricing.standard(), RuleSet.standard(), clock), documents);
    }

    static ReadOnlyPipeline open(AccountOptions options, AnalyzerPolicy policy) {
        return new ReadOnlyPipeline(options, policy);
    }

    @Override
    public void close() {
        codec.close();
    }
}
