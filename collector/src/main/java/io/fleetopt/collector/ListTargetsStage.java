package io.fleetopt.collector;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The ListTargets state of a run over several accounts: every member account times every configured region, one
 * {@link CollectTarget} each (with the account's member role), written as JSON Lines for the Distributed Map's
 * ItemReader. A bad account id or region fails the state naming it; nothing is collected.
 */
public final class ListTargetsStage {

    private final MemberAccounts accounts;
    private final OrganizationSettings organization;
    private final ArtifactStore store;
    private final DocumentCodec codec;

    public ListTargetsStage(MemberAccounts accounts, OrganizationSettings organization, ArtifactStore store, DocumentCodec codec) {
        this.accounts = accounts;
        this.organization = organization;
        this.store = store;
        this.codec = codec;
    }

    public TargetList run(RunState state, List<String> regions, String partition) {
        List<CollectTarget> targets = targets(accounts.accountIds(), regions, partition);
        StringBuilder lines = new StringBuilder(targets.size() * 96);
        for (CollectTarget target : targets) {
            lines.append(codec.writeLine(target)).append('\n');
        }
        String key = ArtifactKeys.targets(state.runId());
        store.put(key, lines.toString());
        return new TargetList(key, targets.size(), ArtifactKeys.targetResults(state.runId()));
    }

    List<CollectTarget> targets(List<String> accountIds, List<String> regions, String partition) {
        if (accountIds.isEmpty()) {
            throw new IllegalArgumentException("no member accounts: set fleetopt.organization.member-accounts or an "
                    + "organizational unit with ACTIVE accounts (without either, the run covers its own account)");
        }
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("no regions: set fleetopt.collector.regions");
        }
        List<CollectTarget> targets = new ArrayList<>();
        for (String account : new LinkedHashSet<>(accountIds)) {
            for (String region : new LinkedHashSet<>(regions)) {
                targets.add(new CollectTarget(account, region, organization.roleArn(partition, account)));
            }
        }
        return targets;
    }
}
