package io.fleetopt.cli;

import io.fleetopt.analyzer.AnalyzeStage;
import io.fleetopt.analyzer.Analyzer;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.rules.RuleSet;
import io.fleetopt.applier.ApplyStage;
import io.fleetopt.applier.Applier;
import io.fleetopt.applier.Rollback;
import io.fleetopt.collector.CollectStage;
import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.local.OutboxMessageSender;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.pricing.Pricing;
import io.fleetopt.notifier.NotifyStage;
import io.fleetopt.notifier.SavingsVerifier;
import io.fleetopt.notifier.VerifyEarlierChangesStage;
import io.fleetopt.notifier.WireAlarmsStage;

import java.io.PrintStream;
import java.nio.file.Path;

/** The weekly pipeline's stages wired in one process against the demo account and local adapters. */
final class LocalPipeline implements AutoCloseable {

    final DocumentCodec codec = new DocumentCodec();
    final DemoAccount account;
    final ArtifactStore store;
    final DocumentStore documents;
    final ChangeLedger ledger;
    final CollectStage collect;
    final AnalyzeStage analyze;
    final Applier applier;
    final ApplyStage apply;
    final Rollback rollback;
    final NotifyStage notify;
    final VerifyEarlierChangesStage verifyEarlierChanges;
    final WireAlarmsStage wireAlarms;

    private LocalPipeline(AccountOptions options, AnalyzerPolicy policy, PrintStream console) {
        Path stateDir = options.stateDir;
        this.account = DemoAccount.open(stateDir, options.reset, codec);
        this.store = new DirectoryArtifactStore(stateDir.resolve("artifacts"));
        this.documents = new DocumentStore(store, codec);
        this.ledger = new JsonLinesChangeLedger(stateDir.resolve("ledger.jsonl"), codec);
        this.collect = new CollectStage(account, store, codec);
        this.analyze = new AnalyzeStage(new Analyzer(policy, Pricing.standard(), RuleSet.standard(), account.clock()), documents);
        this.applier = new Applier(account, ledger, account.clock());
        this.apply = new ApplyStage(applier, documents);
        this.rollback = new Rollback(account, ledger, account.clock());
        this.notify = new NotifyStage(new OutboxMessageSender(stateDir.resolve("outbox"), console), documents,
                DemoAccount.ACCOUNT_ID + " (demo)", "--demo");
        this.verifyEarlierChanges = new VerifyEarlierChangesStage(new SavingsVerifier(account, account.clock()), ledger, documents);
        this.wireAlarms = new WireAlarmsStage(ledger, documents, account);
    }

    static LocalPipeline open(AccountOptions options, AnalyzerPolicy policy, PrintStream console) {
        if (!options.demo) {
            throw new UsageException("run, apply and rollback change an account: from the command line they work on the "
                    + "demo account (add --demo). A real account is changed by the deployed weekly run after approval "
                    + "(README, Deploy); `fleetopt plan --region REGION` shows its plan read-only");
        }
        options.requireConsistent();
        return new LocalPipeline(options, policy, console);
    }

    @Override
    public void close() {
        codec.close();
    }
}
