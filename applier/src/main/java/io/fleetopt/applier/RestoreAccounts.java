package io.fleetopt.applier;

import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.FunctionConfigurator;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Optional;

/**
 * Which account's function reads and writes restore a ledger entry. A run over member accounts (it has a run index,
 * {@code runs/<run>/index.json}) changed each function through the member role of its ARN's account, so the rollback
 * reads the live value and restores it through that account's member role in the ARN's region, with the adapters
 * ApplyItem used ({@link MemberAccountAppliers}); so does an entry of a listed member account
 * ({@code fleetopt.organization.member-accounts}) whose run index is gone. Every other entry is the deployment's own
 * account's. A member entry is refused, nothing written for it, when the deployment has no member role settings, or
 * when its (account, region) is not a target of its run's index (fleetopt did not change it there).
 */
public final class RestoreAccounts {

    /** Through which adapters an entry is restored, or why it is not. */
    public sealed interface Access {
        record Through(FunctionConfigurator functions, AliasRelease aliases) implements Access {
        }

        record Refused(String reason) implements Access {
        }
    }

    /** What the Lambda functions read: {@code fleetopt.organization.*} (external id, member role name, partition). */
    public static final String LAMBDA_SETTINGS = "fleetopt.organization.external-id, member-role-name and partition "
            + "(FLEETOPT_ORGANIZATION_*, set by infra for a deployment with memberAccounts or organizationalUnit)";

    private final FunctionConfigurator own;
    private final AliasRelease ownAliases;
    private final DocumentStore documents;
    private final MemberAccountAppliers members;
    private final List<String> listedAccounts;
    private final String missingSettings;

    /**
     * @param documents       where the runs' indexes are; null: no run is over member accounts
     * @param members         the member accounts' adapters; null where no member role settings are configured
     * @param listedAccounts  the deployment's listed member accounts (none with an organizational unit)
     * @param missingSettings the settings to name when a member entry has no member role settings to go through
     */
    public RestoreAccounts(FunctionConfigurator own, AliasRelease ownAliases, @Nullable DocumentStore documents,
                           @Nullable MemberAccountAppliers members, List<String> listedAccounts, String missingSettings) {
        this.own = own;
        this.ownAliases = ownAliases;
        this.documents = documents;
        this.members = members;
        this.listedAccounts = List.copyOf(listedAccounts);
        this.missingSettings = missingSettings;
    }

    /** Only the deployment's own account: every entry is restored with these adapters. */
    public static RestoreAccounts own(FunctionConfigurator functions, AliasRelease aliases) {
        return new RestoreAccounts(functions, aliases, null, null, List.of(), LAMBDA_SETTINGS);
    }

    /** The accounts of one run, its index read once. */
    public OfRun ofRun(String runId) {
        Optional<RunIndex> index = documents == null ? Optional.empty() : documents.find(ArtifactKeys.index(runId), RunIndex.class);
        return new OfRun(runId, index);
    }

    /** One run's accounts: the deployment's own, and the member accounts its index (or the settings) name. */
    public final class OfRun {

        private final String runId;
        private final Optional<RunIndex> index;

        private OfRun(String runId, Optional<RunIndex> index) {
            this.runId = runId;
            this.index = index;
        }

        /** Whether the run is over member accounts (it has a run index). */
        public boolean overMemberAccounts() {
            return index.isPresent();
        }

        /**
         * Whether {@code accountId} is one of the deployment's member accounts: the listed ones
         * ({@code fleetopt.organization.member-accounts}), or, with an organizational unit, the accounts of the run's
         * index (ListTargets read them from the unit for this run).
         */
        public boolean isMemberAccount(String accountId) {
            if (!listedAccounts.isEmpty()) {
                return listedAccounts.contains(accountId);
            }
            return index.map(i -> i.targets().stream().anyMatch(e -> e.accountId().equals(accountId))).orElse(false);
        }

        /** The member accounts as {@link #isMemberAccount} knows them, for a message. */
        public String memberAccountsText() {
            if (!listedAccounts.isEmpty()) {
                return "the listed member accounts " + String.join(", ", listedAccounts) + " (fleetopt.organization.member-accounts)";
            }
            List<String> accounts = index.map(i -> i.targets().stream().map(RunIndex.Entry::accountId).distinct().toList())
                    .orElse(List.of());
            return accounts.isEmpty() ? "no member accounts (no fleetopt.organization.member-accounts, and run " + runId
                    + " has no run index)" : "the member accounts of run " + runId + "'s index " + String.join(", ", accounts);
        }

        /**
         * Why the entry of {@code functionArn} cannot be restored here, without opening anything: a member account's
         * entry with no member role settings, or one of an (account, region) its run's index does not name.
         */
        public Optional<String> refusal(String functionArn) {
            Optional<FunctionArn> arn = FunctionArn.parse(functionArn);
            if (arn.isEmpty() || !isMemberEntry(arn.get())) {
                return Optional.empty();
            }
            String account = arn.get().account();
            String region = arn.get().region();
            if (index.isPresent() && index.get().entry(account, region).isEmpty() && !listedAccounts.contains(account)) {
                return Optional.of(arn.get().name() + " is in " + account + "/" + region + ", which is not a target of "
                        + "run " + runId + "'s index (runs/" + runId + "/index.json): fleetopt changed no function there; "
                        + "nothing was written");
            }
            if (members == null) {
                return Optional.of(arn.get().name() + " is in member account " + account + ", and there are no member "
                        + "role settings to restore it through that account's member role: set " + missingSettings
                        + "; nothing was written");
            }
            return Optional.empty();
        }

        /** Through which adapters the entry of {@code functionArn} is restored (opening its member role's on first use). */
        public Access access(String functionArn) {
            Optional<String> refused = refusal(functionArn);
            if (refused.isPresent()) {
                return new Access.Refused(refused.get());
            }
            Optional<FunctionArn> arn = FunctionArn.parse(functionArn);
            if (arn.isEmpty() || !isMemberEntry(arn.get())) {
                return new Access.Through(own, ownAliases); // the guards refuse an ARN of another shape
            }
            MemberAccountAppliers.Adapters member = members.adapters(arn.get().account(), arn.get().region());
            return new Access.Through(member.functions(), new AliasRelease(member.aliases()));
        }

        /** A run over member accounts changed every function through a member role; so did any run a listed account's. */
        private boolean isMemberEntry(FunctionArn arn) {
            return index.isPresent() || listedAccounts.contains(arn.account());
        }
    }
}
