package io.fleetopt.analyzer;

import io.fleetopt.analyzer.rules.RuleSet;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MapRunResults;
import io.fleetopt.core.pricing.Pricing;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class AnalyzerFactory {

    @Singleton
    AnalyzeStage analyzeStage(AnalyzerPolicy policy, Pricing pricing, ArtifactStore store, DocumentCodec codec, Clock clock) {
        return new AnalyzeStage(new Analyzer(policy, pricing, RuleSet.standard(), clock), new DocumentStore(store, codec),
                new io.fleetopt.core.port.ItemsFile(store, codec));
    }

    @Singleton
    AnalyzeTargetStage analyzeTargetStage(AnalyzerPolicy policy, Pricing pricing, ArtifactStore store, DocumentCodec codec,
                                          Clock clock) {
        return new AnalyzeTargetStage(new Analyzer(policy, pricing, RuleSet.standard(), clock), new DocumentStore(store, codec));
    }

    @Singleton
    IndexRunStage indexRunStage(ArtifactStore store, DocumentCodec codec) {
        return new IndexRunStage(new MapRunResults(store), new DocumentStore(store, codec), codec);
    }
}
