package io.fleetopt.applier;

import io.fleetopt.core.port.AliasRouter;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionConfigurator;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The appliers of a run over member accounts, one per (account, region): the same guards, the same ledger (the
 * management account's) and clock as the deployment's own applier, with the function reads and writes of that
 * account's member role in that region, so the live settings, the skip and own-function tags and the account's
 * unreserved concurrency are that account's. A rollback of a member account's change restores it through the same
 * adapters ({@link #adapters}). Each is built on first use and reused for the life of this process (a Lambda
 * instance applies many lines); one that cannot be built (a member role that cannot be assumed) is not kept.
 */
public final class MemberAccountAppliers {

    /** Opens the adapters that read and write one member account's functions in one region, through its member role. */
    public interface MemberAdapters {
        Adapters open(String accountId, String region);
    }

    /** A member account's function reads and writes, and its alias router. */
    public record Adapters(FunctionConfigurator functions, AliasRouter aliases) {
    }

    private final MemberAdapters adapters;
    private final ChangeLedger ledger;
    private final ApplyGuards guards;
    private final Clock clock;
    private final ConcurrentMap<String, Adapters> opened = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Applier> appliers = new ConcurrentHashMap<>();

    public MemberAccountAppliers(MemberAdapters adapters, ChangeLedger ledger, ApplyGuards guards, Clock clock) {
        this.adapters = adapters;
        this.ledger = ledger;
        this.guards = guards;
        this.clock = clock;
    }

    Applier applier(String accountId, String region) {
        return appliers.computeIfAbsent(accountId + "/" + region, target -> {
            Adapters member = adapters(accountId, region);
            return new Applier(member.functions(), ledger, guards, clock, StepHook.NONE, new AliasRelease(member.aliases()));
        });
    }

    /** The function reads and writes of one member account in one region, through its member role (opened once). */
    Adapters adapters(String accountId, String region) {
        return opened.computeIfAbsent(accountId + "/" + region, target -> adapters.open(accountId, region));
    }
}
