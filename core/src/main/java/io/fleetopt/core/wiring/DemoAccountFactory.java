package io.fleetopt.core.wiring;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.demo.DemoAliases;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.local.OutboxMessageSender;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.MessageSender;
import io.fleetopt.core.port.RunLease;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;

/**
 * With {@code fleetopt.account=demo}, the stage handlers run against the demo account and local adapters in
 * {@code fleetopt.state-dir} (how the state machine is executed in tests, with no AWS account).
 */
@Factory
@Requires(property = "fleetopt.account", value = "demo")
public class DemoAccountFactory {

    private final Path stateDir;

    public DemoAccountFactory(@Value("${fleetopt.state-dir:.fleetopt}") String stateDir) {
        this.stateDir = Path.of(stateDir);
    }

    @Singleton
    DemoAccount demoAccount(DocumentCodec codec) {
        return DemoAccount.open(stateDir, false, codec);
    }

    /** The demo account with its aliases: the fleet source (its snapshot has the qualifiers) and the alias router. */
    @Singleton
    @Primary
    DemoAliases demoAliases(DemoAccount account, DocumentCodec codec) {
        return DemoAliases.open(account, stateDir, false, codec);
    }

    @Singleton
    Clock clock(DemoAccount account) {
        return account.clock();
    }

    @Singleton
    ArtifactStore artifactStore() {
        return new DirectoryArtifactStore(stateDir.resolve("artifacts"));
    }

    @Singleton
    ChangeLedger changeLedger(DocumentCodec codec) {
        return new JsonLinesChangeLedger(stateDir.resolve("ledger.jsonl"), codec);
    }

    /** One state folder, one process at a time: the command line holds the folder's lock while it changes anything. */
    @Singleton
    RunLease runLease() {
        return RunLease.NONE;
    }

    @Singleton
    MessageSender messageSender() {
        return new OutboxMessageSender(stateDir.resolve("outbox"), System.out);
    }
}
