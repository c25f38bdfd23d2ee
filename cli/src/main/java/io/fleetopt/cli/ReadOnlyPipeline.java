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

import java.nio.file.Path;
import java.time.Clock;

/**
 * Collect and Analyze only, which change nothing: on the demo account, or on a real AWS account through the
 * collector's read-only calls. The documents go to the local state folder either way.
 */
final class ReadOnlyPipeline implements AutoCloseable {

    final DocumentCodec codec;
    final Clock clock;
    final String account;
    final DocumentStore documents;
    final CollectStage collect;
    final AnalyzeStage analyze;

    /** Collect and Analyze on {@code source}, with the documents in the state folder's artifacts. */
    ReadOnlyPipeline(FleetSource source, Clock clock, String account, Path stateDir, AnalyzerPolicy policy, DocumentCodec codec) {
        this(source, clock, account, new DirectoryArtifactStore(stateDir.resolve("artifacts")), policy, codec);
    }

    /** Collect and Analyze on {@code source}, with the documents in {@code store}. */
    ReadOnlyPipeline(FleetSource source, Clock clock, String account, ArtifactStore store, AnalyzerPolicy policy, DocumentCodec codec) {
        this.codec = codec;
        this.clock = clock;
        this.account = account;
        this.documents = new DocumentStore(store, codec);
        this.collect = new CollectStage(source, store, codec);
        this.analyze = new AnalyzeStage(new Analyzer(policy, Pricing.standard(), RuleSet.standard(), clock), documents,
                new io.fleetopt.core.port.ItemsFile(store, codec));
    }

    static ReadOnlyPipeline open(AccountOptions options, AnalyzerPolicy policy, Terminal terminal) {
        options.requireConsistent().forEach(terminal.err::println);
        DocumentCodec codec = new DocumentCodec();
        if (options.demo) {
            DemoAccount demo = DemoAccount.open(options.stateDir, options.reset, codec);
            return new ReadOnlyPipeline(demo, demo.clock(), "the demo account " + DemoAccount.ACCOUNT_ID, options.stateDir,
                    policy, codec);
        }
        FleetSource aws = AwsFleetSource.create(AwsCollectorOptions.of(options.regions, options.profile, options.endpointUrl,
                ConsoleProgress.onTerminal()));
        return new ReadOnlyPipeline(aws, Clock.systemUTC(), "AWS" + (options.profile == null ? "" : " (profile " + options.profile + ")"),
                options.stateDir, policy, codec);
    }

    @Override
    public void close() {
        codec.close();
    }
}
