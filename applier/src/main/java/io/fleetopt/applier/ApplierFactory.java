package io.fleetopt.applier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.FunctionConfigurator;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class ApplierFactory {

    @Singleton
    ApplyStage applyStage(FunctionConfigurator functions, ChangeLedger ledger, Clock clock, ArtifactStore store,
                          DocumentCodec codec) {
        return new ApplyStage(new Applier(functions, ledger, clock), new DocumentStore(store, codec));
    }
}
