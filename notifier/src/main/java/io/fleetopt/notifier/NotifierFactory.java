package io.fleetopt.notifier;

import io.fleetopt.core.change.GuardResponse;
import io.fleetopt.core.change.GuardWindow;
import io.fleetopt.core.change.LatencyGuard;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.FunctionSettingsReader;
import io.fleetopt.core.port.FunctionTrafficReader;
import io.fleetopt.core.port.FunctionUsageHistory;
import io.fleetopt.core.pricing.Pricing;
import io.micronaut.core.annotation.Nullable;
import io.fleetopt.notifier.report.ReportLinks;
import io.fleetopt.notifier.report.ReportPublisher;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MessageSender;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.fleetopt.notifier.approval.LinkSigner;
import io.fleetopt.notifier.approval.PendingApprovals;
import io.fleetopt.notifier.approval.ReviewEndpoint;
import io.fleetopt.notifier.approval.TaskCallback;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

@Factory
class NotifierFactory {

    @Singleton
    WireAlarmsStage wireAlarmsStage(ChangeLedger ledger, ArtifactStore store, DocumentCodec codec, AlarmPort alarms,
                                    @Value("${" + LatencyGuard.PROPERTY + ":" + LatencyGuard.DEFAULT_PERCENT + "}") int maxP99SlowdownPercent,
                                    @Nullable MemberAlarmPorts members) {
        return new WireAlarmsStage(ledger, new DocumentStore(store, codec), alarms, new LatencyGuard(maxP99SlowdownPercent), members);
    }

    /**
     * On the demo account, its one account and region stand for a member account (as ApplyItem applies its lines
     * there): a member run's guard alarms go to the demo account's own; any other (account, region) has no member role.
     */
    @Singleton
    @io.micronaut.context.annotation.Requires(property = "fleetopt.account", value = "demo")
    MemberAlarmPorts demoMemberAlarms(io.fleetopt.core.demo.DemoAccount account) {
        return (accountId, region) -> {
            if (!io.fleetopt.core.demo.DemoAccount.ACCOUNT_ID.equals(accountId) || !io.fleetopt.core.demo.DemoAccount.REGION.equals(region)) {
                throw new IllegalArgumentException("the demo has one account, " + io.fleetopt.core.demo.DemoAccount.ACCOUNT_ID
                        + " in " + io.fleetopt.core.demo.DemoAccount.REGION + ": there is no member role of " + accountId + " in " + region);
            }
            return new MemberAlarmPorts.Port() {
                @Override
                public void putAlarm(io.fleetopt.core.port.GuardAlarm alarm) {
                    account.putAlarm(alarm);
                }

                @Override
                public List<io.fleetopt.core.port.GuardAlarm> alarms() {
                    return account.alarms();
                }

                @Override
                public void close() {
                }
            };
        };
    }

    @Singleton
    VerifyEarlierChangesStage verifyEarlierChangesStage(CostHistory costs, FunctionUsageHistory usage,
                                                        @Nullable FunctionSettingsReader live,
                                                        @Nullable FunctionTrafficReader traffic, Pricing pricing,
                                                        @Value("${fleetopt.analyzer.price-overrides:}") String priceOverrides,
                                                        Clock clock, ChangeLedger ledger, ArtifactStore store, DocumentCodec codec,
                                                        @Value("${fleetopt.notifier.learning.min-invocations:1000}") long minInvocations,
                                                        @Value("${fleetopt.notifier.learning.min-hours:24}") int minHours,
                                                        @Nullable MemberAccountReaders memberReaders) {
        DocumentStore documents = new DocumentStore(store, codec);
        Pricing priced = pricing.withOverrides(entries(priceOverrides));
        // a run over member accounts has a run index; its snapshots are per (account, region), its changes read through the member role
        java.util.function.Predicate<String> memberRun = run -> documents.find(ArtifactKeys.index(run), RunIndex.class).isPresent();
        SavingsVerifier verifier = new SavingsVerifier(costs, usage, live, traffic, priced,
                run -> documents.find(ArtifactKeys.snapshot(run), FleetSnapshot.class),
                new SavingsVerifier.MemberRuns(memberRun,
                        (run, account, region) -> documents.find(ArtifactKeys.index(run), RunIndex.class)
                                .flatMap(index -> index.entry(account, region))
                                .flatMap(entry -> documents.find(entry.snapshotKey(), FleetSnapshot.class)),
                        memberReaders), clock);
        ResponseLearner learner = new ResponseLearner(usage, priced,
                run -> documents.find(ArtifactKeys.snapshot(run), FleetSnapshot.class),
                new LearningPolicy(minInvocations, minHours), clock, memberRun);
        return new VerifyEarlierChangesStage(verifier, learner, ledger, documents);
    }

    /** The plan's price overrides ("region:field=usd,..."), so savings are priced as the plan was. */
    private static List<String> entries(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    @Singleton
    NotifyIndexedPlanStage notifyIndexedPlanStage(MessageSender sender, ArtifactStore store, DocumentCodec codec, ChangeLedger ledger,
                                                  @Nullable ReportLinks links, Clock clock,
                                                  @Value("${fleetopt.account-name:this account}") String account) {
        ReportPublisher reports = links == null ? ReportPublisher.located(store, codec) : new ReportPublisher(store, codec, links);
        return new NotifyIndexedPlanStage(sender, new DocumentStore(store, codec), ledger, reports, account, clock);
    }

    @Singleton
    NotifyStage notifyStage(MessageSender sender, ArtifactStore store, DocumentCodec codec, @Nullable ReportLinks links, Clock clock,
                            @Value("${fleetopt.account-name:this account}") String account,
                            @Value("${fleetopt.stack-name:}") String stackName,
                            @Value("${fleetopt.stack-region:}") String stackRegion,
                            @Value("${aws.region:}") String lambdaRegion,
                            @Value("${fleetopt.collector.regions:}") String collectedRegions,
                            @Value("${fleetopt.account:aws}") String accountKind,
                            @Value("${" + GuardWindow.PROPERTY + ":" + GuardWindow.DEFAULT_DAYS + "}") int guardWindowDays) {
        // a deployed run is undone from the command line through its stack's ledger: fleetopt rollback --stack NAME ...
        String undoFlags = DeployedUndoFlags.of(stackName, stackRegion.isBlank() ? lambdaRegion : stackRegion,
                entries(collectedRegions));
        ReportPublisher reports = links == null ? ReportPublisher.located(store, codec) : new ReportPublisher(store, codec, links);
        // deployed, the stack's EventBridge rule sends guard alarms to the Rollback function; the demo-mode handlers have none
        GuardResponse response = "aws".equals(accountKind) ? GuardResponse.ROLLS_BACK_ON_ALARM : null;
        return new NotifyStage(sender, new DocumentStore(store, codec), account, undoFlags, reports, clock, response,
                new GuardWindow(guardWindowDays));
    }

    @Singleton
    RequestApprovalStage requestApprovalStage(NotifyStage notify, PendingApprovals approvals, LinkSigner signer, Clock clock,
                                              @Value("${fleetopt.approval.review-url:}") String reviewUrl) {
        if (!reviewUrl.startsWith("https://") && !reviewUrl.startsWith("http://127.0.0.1")) {
            throw new IllegalStateException("fleetopt.approval.review-url (environment variable FLEETOPT_APPROVAL_REVIEW_URL) is '"
                    + reviewUrl + "': it must be the review endpoint's https:// URL (or a http://127.0.0.1 one locally)");
        }
        return new RequestApprovalStage(notify, approvals, signer, reviewUrl, clock);
    }

    @Singleton
    ReviewEndpoint reviewEndpoint(LinkSigner signer, PendingApprovals approvals, TaskCallback tasks, ArtifactStore store,
                                  DocumentCodec codec, Clock clock, @Value("${fleetopt.account-name:this account}") String account) {
        return new ReviewEndpoint(signer, approvals, tasks, new DocumentStore(store, codec), codec, clock, account);
    }
}
