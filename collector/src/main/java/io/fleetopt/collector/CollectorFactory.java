package io.fleetopt.collector;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.FleetSource;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
class CollectorFactory {

    @Singleton
    CollectStage collectStage(FleetSource source, ArtifactStore store, DocumentCodec codec) {
        return new CollectStage(source, store, codec);
    }
}
