package io.fleetopt.applier;

import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionConfigurator;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The applier's states of the weekly state machine: AutoApply, ApplyItem (one Map iteration), RecordApplyResult. */
@Factory
class StateMachineApplyFactory {

    @Singleton
    ApplyItemStage applyItemStage(FunctionConfigurator functions, ChangeLedger ledger, Clock clock, ArtifactStore store,
                                  DocumentCodec codec) {
        return new ApplyItemStage(new Applier(functions, ledger, clock), new DocumentStore(store, codec), functions, ledger);
    }

    @Singleton
    AutoApplyStage autoApplyStage(FunctionConfigurator functions, ChangeLedger ledger, Clock clock, ArtifactStore store,
                                  DocumentCodec codec, AutoApplySettings settings) {
        return new AutoApplyStage(new Applier(functions, ledger, clock), new DocumentStore(store, codec), settings.risks());
    }

    @Singleton
    RecordApplyResultStage recordApplyResultStage(ArtifactStore store, DocumentCodec codec, Clock clock) {
        return new RecordApplyResultStage(new DocumentStore(store, codec), clock);
    }
}
