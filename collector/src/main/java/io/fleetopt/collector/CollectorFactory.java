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

    @Singleton
    ListTargetsStage listTargetsStage(MemberAccounts accounts, OrganizationSettings organization, ArtifactStore store,
                                      DocumentCodec codec) {
        return new ListTargetsStage(accounts, organization, store, codec);
    }

    @Singleton
    CollectTargetStage collectTargetStage(TargetFleetSources sources, ArtifactStore store, DocumentCodec codec) {
        return new CollectTargetStage(sources, store, codec);
    }
}
