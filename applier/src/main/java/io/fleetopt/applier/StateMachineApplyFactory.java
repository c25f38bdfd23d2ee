package io.fleetopt.applier;

import io.fleetopt.core.change.GuardWindow;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.AliasRouter;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.EvidenceFiles;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.MessageSender;
import io.fleetopt.core.port.RunLease;
import io.fleetopt.core.scope.Scope;
import io.fleetopt.applier.aws.SnsRollbackNotices;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The applier's states of the weekly state machine: AutoApply, ApplyItem (one Map iteration), RecordApplyResult; and
 * the Rollback function that guard alarms trigger.
 * The guards take the deployment's scope from the configuration the collector reads ({@code fleetopt.collector.*}),
 * and the memory headroom from the analyzer's policy key, never from the plan.
 */
@Factory
class StateMachineApplyFactory {

    @Singleton
    ApplyGuards applyGuards(AutoApplySettings settings,
                            @Value("${fleetopt.collector.regions:}") String regions,
                            @Value("${fleetopt.collector.scope-tags:}") String scopeTags,
                            @Value("${fleetopt.collector.name-patterns:}") String namePatterns,
                            @Value("${fleetopt.analyzer.headroom-percent:20}") int headroomPercent) {
        return new ApplyGuards(new GuardSettings(list(regions), new Scope(list(scopeTags), list(namePatterns)),
                settings.ownNamePrefix(), headroomPercent, GuardSettings.DEFAULT_TIMEOUT_FLOOR_FACTOR,
                GuardSettings.DEFAULT_MIN_UNRESERVED));
    }

    /** How changes reach alias-invoked functions: through the account's alias router (every account has one). */
    @Singleton
    AliasRelease aliasRelease(AliasRouter router) {
        return new AliasRelease(router);
    }

    @Singleton
    Applier applier(FunctionConfigurator functions, ChangeLedger ledger, ApplyGuards guards, Clock clock, AliasRelease aliases) {
        return new Applier(functions, ledger, guards, clock, StepHook.NONE, aliases);
    }

    @Singleton
    PromoteCanariesStage promoteCanariesStage(AliasRelease aliases, ChangeLedger ledger, Clock clock) {
        return new PromoteCanariesStage(new CanaryPromotion(aliases, ledger, clock));
    }

    /**
     * On the demo account, its one account and region stand for a member account (as CollectTarget reads it there):
     * its lines are applied to the demo account itself; any other (account, region) has no member role to assume.
     */
    @Singleton
    @io.micronaut.context.annotation.Requires(property = "fleetopt.account", value = "demo")
    MemberAccountAppliers.MemberAdapters demoMemberAdapters(io.fleetopt.core.demo.DemoAccount account, AliasRouter aliases) {
        return (accountId, region) -> {
            if (!io.fleetopt.core.demo.DemoAccount.ACCOUNT_ID.equals(accountId) || !io.fleetopt.core.demo.DemoAccount.REGION.equals(region)) {
                throw new IllegalArgumentException("the demo has one account, " + io.fleetopt.core.demo.DemoAccount.ACCOUNT_ID
                        + " in " + io.fleetopt.core.demo.DemoAccount.REGION + ": there is no member role of " + accountId + " in " + region);
            }
            return new MemberAccountAppliers.Adapters(account, aliases);
        };
    }

    /** Where the deployment has member accounts: their appliers, each through its account's member role. */
    @Singleton
    @io.micronaut.context.annotation.Requires(beans = MemberAccountAppliers.MemberAdapters.class)
    MemberAccountAppliers memberAccountAppliers(MemberAccountAppliers.MemberAdapters adapters, ChangeLedger ledger,
                                                ApplyGuards guards, Clock clock) {
        return new MemberAccountAppliers(adapters, ledger, guards, clock);
    }

    @Singleton
    ApplyItemStage applyItemStage(Applier applier, ArtifactStore store, DocumentCodec codec, RunLease lease,
                                  @Nullable MemberAccountAppliers members) {
        return new ApplyItemStage(applier, new DocumentStore(store, codec), new EvidenceFiles(store, codec), codec, lease, members);
    }

    @Singleton
    AutoApplyStage autoApplyStage(ArtifactStore store, DocumentCodec codec, AutoApplySettings settings, Clock clock) {
        return new AutoApplyStage(store, codec, settings.risks(), clock);
    }

    @Singleton
    RecordApplyResultStage recordApplyResultStage(ArtifactStore store, DocumentCodec codec, Clock clock, RunLease lease) {
        return new RecordApplyResultStage(store, codec, clock, lease);
    }

    /**
     * The Rollback function, outside the state machine: a guard alarm's ALARM, routed by EventBridge. A member
     * account's change is restored through its member role ({@code members}, with the member account settings).
     */
    @Singleton
    AlarmRollback alarmRollback(FunctionConfigurator functions, ChangeLedger ledger, ApplyGuards guards, Clock clock,
                                AliasRelease aliases, ArtifactStore store, DocumentCodec codec, @Nullable SnsRollbackNotices sns,
                                @Nullable MessageSender local, RunLease lease, @Nullable MemberAccountAppliers members,
                                @Value("${fleetopt.organization.member-accounts:}") String memberAccounts,
                                @Value("${" + GuardWindow.PROPERTY + ":" + GuardWindow.DEFAULT_DAYS + "}") int guardWindowDays) {
        // on AWS the SNS notices; on the demo account the outbox
        MessageSender notices = sns != null ? sns : local;
        if (notices == null) {
            throw new IllegalStateException("the Rollback function has nowhere to send its notices (fleetopt.account is neither aws nor demo)");
        }
        DocumentStore documents = new DocumentStore(store, codec);
        RestoreAccounts accounts = new RestoreAccounts(functions, aliases, documents, members, list(memberAccounts),
                RestoreAccounts.LAMBDA_SETTINGS);
        return new AlarmRollback(new Rollback(accounts, ledger, guards, clock, StepHook.NONE), ledger,
                documents, notices, lease, new GuardWindow(guardWindowDays), clock);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
