package io.fleetopt.cli;

import io.fleetopt.analyzer.AnalyzeStage;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.applier.ApplyStage;
import io.fleetopt.applier.Applier;
import io.fleetopt.applier.Rollback;
import io.fleetopt.collector.CollectStage;
import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.local.OutboxMessageSender;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.pricing.Pricing;
import io.fleetopt.notifier.NotifyStage;
import io.fleetopt.notifier.report.ReportPublisher;
import io.fleetopt.notifier.SavingsVerifier;
import io.fleetopt.notifier.VerifyEarlierChangesStage;
import io.fleetopt.notifier.WireAlarmsStage;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The whole weekly pipeline in one process on the demo account: the read-only stages of {@link ReadOnlyPipeline},
 * plus apply, rollback, alarms and messages through local adapters.
 */
final class LocalPipeline implements AutoCloseable {

    final DemoAccount account;
    final DocumentCodec codec;
    final DocumentStore documents;
    final CollectStage collect;
    final AnalyzeStage analyze;
    final ApplyStage apply;
    final Rollback rollback;
    final NotifyStage notify;
    final VerifyEarlierChangesStage verifyEarlierChanges;
    final WireAlarmsStage wireAlarms;

    private LocalPipeline(AccountOptions options, AnalyzerPolicy policy, PrintStream console) {
        Path stateDir = options.stateDir;
        this.codec = new DocumentCodec();
        this.account = DemoAccount.open(stateDir, options.reset, codec);
        ReadOnlyPipeline read = new ReadOnlyPipeline(account, account.clock(), "the demo account " + DemoAccount.ACCOUNT_ID,
                stateDir, policy, codec);
        this.documents = read.documents;
        this.collect = read.collect;
        this.analyze = read.analyze;
        ChangeLedger ledger = new JsonLinesChangeLedger(stateDir.resolve("ledger.jsonl"), codec);
        this.apply = new ApplyStage(new Applier(account, ledger, account.clock()), documents);
        this.rollback = new Rollback(account, ledger, account.clock());
        this.notify = new NotifyStage(new OutboxMessageSender(stateDir.resolve("outbox"), console), documents,
                DemoAccount.ACCOUNT_ID + " (demo)", "--demo", ReportPublisher.located(new DirectoryArtifactStore(stateDir.resolve("artifacts")), codec), account.clock());
        this.verifyEarlierChanges = new VerifyEarlierChangesStage(new SavingsVerifier(account, account, account,
                Pricing.standard().withOverrides(policy.priceOverrideEntries()),
                run -> documents.find(ArtifactKeys.snapshot(run), FleetSnapshot.class), account.clock()), ledger, documents);
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
