package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.MessageSender;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class NotifierFactory {

    @Singleton
    NotifyStage notifyStage(MessageSender sender, ArtifactStore store, DocumentCodec codec,
                            @Value("${fleetopt.account-name:this account}") String account) {
        return new NotifyStage(sender, store, codec, account);
    }

    @Singleton
    RequestApprovalStage requestApprovalStage(NotifyStage notify, ArtifactStore store, DocumentCodec codec, Clock clock) {
        return new RequestApprovalStage(notify, store, codec, clock);
    }
}
