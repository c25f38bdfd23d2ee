package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MessageSender;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class NotifierFactory {

    @Singleton
    WireAlarmsStage wireAlarmsStage(ChangeLedger ledger, ArtifactStore store, DocumentCodec codec, AlarmPort alarms) {
        return new WireAlarmsStage(ledger, new DocumentStore(store, codec), alarms);
    }

    @Singleton
    VerifyEarlierChangesStage verifyEarlierChangesStage(CostHistory costs, Clock clock, ChangeLedger ledger, ArtifactStore store,
                                                        DocumentCodec codec) {
        return new VerifyEarlierChangesStage(new SavingsVerifier(costs, clock), ledger, new DocumentStore(store, codec));
    }

    @Singleton
    NotifyStage notifyStage(MessageSender sender, ArtifactStore store, DocumentCodec codec,
                            @Value("${fleetopt.account-name:this account}") String account) {
        // a deployed (or bridged) handler: no command line undoes a run on its account
        return new NotifyStage(sender, new DocumentStore(store, codec), account, NotifyStage.UndoInstructions.ledgerRecord());
    }

    @Singleton
    RequestApprovalStage requestApprovalStage(NotifyStage notify, ArtifactStore store, DocumentCodec codec, Clock clock) {
        return new RequestApprovalStage(notify, new DocumentStore(store, codec), clock);
    }
}
