package io.fleetopt.cli;

import io.fleetopt.analyzer.AnalyzeStage;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.applier.AlarmRollback;
import io.fleetopt.applier.AliasRelease;
import io.fleetopt.applier.Applier;
import io.fleetopt.applier.CanaryPromotion;
import io.fleetopt.applier.PromoteCanariesStage;
import io.fleetopt.applier.ApplyGuards;
import io.fleetopt.applier.ApplyItemStage;
import io.fleetopt.applier.AutoApplyStage;
import io.fleetopt.applier.GuardSettings;
import io.fleetopt.applier.RecordApplyResultStage;
import io.fleetopt.applier.MemberAccountAppliers;
import io.fleetopt.applier.RestoreAccounts;
import io.fleetopt.applier.Rollback;
import io.fleetopt.applier.RunEvidence;
import io.fleetopt.applier.StepHook;
import io.fleetopt.collector.CollectStage;
import io.fleetopt.core.change.GuardResponse;
import io.fleetopt.core.change.GuardWindow;
import io.fleetopt.core.change.LatencyGuard;
import io.fleetopt.core.port.RunLease;
import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.local.OutboxMessageSender;
import io.fleetopt.core.local.StateDirLock;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DecisionWriter;
import io.fleetopt.core.port.EvidenceFiles;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.pricing.Pricing;
import io.fleetopt.core.scope.Scope;
import io.fleetopt.notifier.NotifyStage;
import io.fleetopt.notifier.report.ReportPublisher;
import io.fleetopt.notifier.SavingsVerifier;
import io.fleetopt.notifier.LearningPolicy;
import io.fleetopt.notifier.ResponseLearner;
import io.fleetopt.notifier.VerifyEarlierChangesStage;
import io.fleetopt.notifier.WireAlarmsStage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The whole weekly pipeline in one process, on the demo account or a real AWS account ({@link AccountAdapters}): the
 * read-only stages of {@link ReadOnlyPipeline}, plus the state machine's apply states ({@link ApplyFlow}), rollback and
 * guard alarms through the account's adapters. The state folder is the artifact store and the ledger on both, or with
 * {@code --stack} the deployed stack's bucket, DynamoDB ledger and run lease ({@link RunStorage}); messages go to the
 * state folder's outbox.
 * It holds the state folder's lock from open to close: one command changes things there at a time.
 */
final class LocalPipeline implements AutoCloseable {

    static final Path DEFAULT_STATE_DIR = Path.of(".fleetopt");

    final AccountAdapters account;
    final Clock clock;
    final DocumentCodec codec;
    final DocumentStore documents;
    final CollectStage collect;
    final AnalyzeStage analyze;
    final ApplyFlow apply;
    /** Records a decision with its approved items file, as the review endpoint does. */
    final DecisionWriter decisions;
    final Rollback rollback;
    /** The state machine's PromoteCanaries: earlier runs' alias canaries, promoted before the week's Collect. */
    final PromoteCanariesStage promoteCanaries;
    /** The Rollback function's stage, for the demo account's guard alarms as its calendar moves. */
    final AlarmRollback alarmRollback;
    final NotifyStage notify;
    final VerifyEarlierChangesStage verifyEarlierChanges;
    final WireAlarmsStage wireAlarms;
    /** The account options for a command this pipeline suggests ("--demo", or a real account's regions, profile, endpoint and scope; the state folder when not the default). */
    final String accountFlags;
    /** Where the messages go: the state folder's outbox. */
    final Path outbox;
    /** Where the run's documents and ledger are: the state folder, or the deployed stack's bucket and table. */
    final RunStorage storage;
    private final ChangeLedger ledger;
    private final StateDirLock lock;
    private final PrintStream errors;

    private LocalPipeline(AccountOptions options, String stackName, AnalyzerPolicy policy, PrintStream console, PrintStream errors,
                          StateDirLock lock) {
        Path stateDir = options.stateDir;
        this.lock = lock;
        this.errors = errors;
        this.codec = new DocumentCodec();
        this.account = AccountAdapters.open(options, codec);
        this.clock = account.clock();
        try {
            this.storage = stackName == null ? RunStorage.local(stateDir, codec) : RunStorage.deployed(stackName, options, clock);
        } catch (RuntimeException e) {
            account.resources().run();
            throw e;
        }
        this.accountFlags = (storage.flags() + " " + account.accountFlags()).strip();
        ReadOnlyPipeline read = new ReadOnlyPipeline(account.source(), clock, account.isDemo()
                ? "the demo account " + DemoAccount.ACCOUNT_ID : "the " + account.label(), storage.artifacts(), policy, codec);
        this.documents = read.documents;
        this.collect = read.collect;
        this.analyze = read.analyze;
        this.ledger = storage.ledger();
        ApplyGuards guards = new ApplyGuards(new GuardSettings(account.regions(), new Scope(List.copyOf(options.scopeTags),
                List.copyOf(options.namePatterns)), GuardSettings.DEFAULT_OWN_NAME_PREFIX, policy.headroomPercent(),
                GuardSettings.DEFAULT_TIMEOUT_FLOOR_FACTOR, GuardSettings.DEFAULT_MIN_UNRESERVED));
        AliasRelease aliases = new AliasRelease(account.aliases());
        Applier applier = new Applier(account.configurator(), ledger, guards, clock, StepHook.NONE, aliases);
        this.promoteCanaries = new PromoteCanariesStage(new CanaryPromotion(aliases, ledger, clock));
        // messages go to the local outbox on either account: no SNS topic from the command line
        OutboxMessageSender outboxSender = new OutboxMessageSender(stateDir.resolve("outbox"), console);
        this.notify = new NotifyStage(outboxSender, documents, account.label(), accountFlags,
                ReportPublisher.located(new DirectoryArtifactStore(stateDir.resolve("artifacts")), codec), clock,
                account.isDemo() ? GuardResponse.DEMO_ROLLS_BACK_NEXT_WEEK : GuardResponse.NOTHING_ROLLS_BACK, GuardWindow.defaults());
        this.wireAlarms = new WireAlarmsStage(ledger, documents, account.alarms(), new LatencyGuard(policy.maxP99SlowdownPercent()));
        // the command line has no auto-approval policy: every change is approved at the prompt or with --yes; a run
        // whose AutoApply decision is recorded already (a deployed run's, in its bucket) gets that decision applied
        ArtifactStore artifactStore = storage.artifacts();
        ApplyItemStage applyItem = new ApplyItemStage(applier, documents, new EvidenceFiles(artifactStore, codec), codec,
                storage.lease());
        this.apply = new ApplyFlow(new AutoApplyStage(artifactStore, codec, List.of(), clock), applyItem,
                new RecordApplyResultStage(artifactStore, codec, clock, storage.lease()),
                wireAlarms, notify, artifactStore, codec, ledger, Duration.ofSeconds(2));
        this.decisions = new DecisionWriter(artifactStore, codec);
        // a member account's change (a deployed run over member accounts) through the stack's member role settings
        MemberAccountAppliers members = storage.members() == null ? null
                : new MemberAccountAppliers(storage.members(), ledger, guards, clock);
        this.rollback = new Rollback(new RestoreAccounts(account.configurator(), aliases, documents, members,
                storage.memberAccounts(), storage.memberRoleSettings()), ledger, guards, clock, StepHook.NONE);
        this.alarmRollback = new AlarmRollback(rollback, ledger, documents, outboxSender, RunLease.NONE, GuardWindow.defaults(), clock);
        Pricing planPrices = Pricing.standard().withOverrides(policy.priceOverrideEntries());
        this.verifyEarlierChanges = new VerifyEarlierChangesStage(new SavingsVerifier(account.costs(), account.usage(), account.live(),
                account.traffic(), planPrices, run -> documents.find(ArtifactKeys.snapshot(run), FleetSnapshot.class), clock),
                new ResponseLearner(account.usage(), planPrices, run -> documents.find(ArtifactKeys.snapshot(run), FleetSnapshot.class),
                        LearningPolicy.defaults(), clock), ledger, documents);
        this.outbox = stateDir.resolve("outbox");
    }

    /** Opens the pipeline for {@code command}, holding the state folder's lock until {@link #close()}. */
    static LocalPipeline open(AccountOptions options, AnalyzerPolicy policy, Terminal terminal, String command) {
        return open(options, new StackOption(), policy, terminal, command);
    }

    /** As {@link #open(AccountOptions, AnalyzerPolicy, Terminal, String)}, on a deployed stack's storage with --stack. */
    static LocalPipeline open(AccountOptions options, StackOption stack, AnalyzerPolicy policy, Terminal terminal, String command) {
        options.requireConsistent().forEach(terminal.err::println);
        stack.requireRealAccount(options);
        StateDirLock lock = StateDirLock.acquire(options.stateDir, "fleetopt " + command);
        try {
            return new LocalPipeline(options, stack.name, policy, terminal.out, terminal.err, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Rolls the run back, holding the storage's run lease meanwhile (the deployed stack's: no weekly run applies while
     * it restores); the lease's holder is "RUN/rollback".
     */
    RollbackResult rollback(String runId, String actor) {
        String holder = runId + "/rollback";
        storage.lease().acquire(holder);
        try {
            return rollback.rollback(runId, actor, evidence(runId));
        } finally {
            storage.lease().release(holder);
        }
    }

    /** What the run's snapshot saw, for the guards; none when the snapshot is gone. */
    RunEvidence evidence(String runId) {
        return documents.find(ArtifactKeys.snapshot(runId), FleetSnapshot.class).map(RunEvidence::of).orElse(RunEvidence.none());
    }

    @Override
    public void close() {
        try {
            storage.repairs().get().forEach(repair -> errors.println("fleetopt: note: " + repair));
            codec.close();
            storage.resources().run();
            account.resources().run();
        } finally {
            lock.close();
        }
    }
}
