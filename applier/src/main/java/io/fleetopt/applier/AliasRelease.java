package io.fleetopt.applier;

import io.fleetopt.core.model.AliasDelivery;
import io.fleetopt.core.model.FunctionAlias;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.PublishedVersion;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.port.AliasMove;
import io.fleetopt.core.port.AliasRouting;
import io.fleetopt.core.port.AliasRouter;
import io.fleetopt.core.port.AliasState;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.LedgerEntry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a configuration change reaches a function invoked through an alias (the run's snapshot says which): after
 * {@code $LATEST} is changed, it is published as a version (guarded by the code the alias serves and the revision
 * just written) and the alias is moved to it as a canary: {@link AliasDelivery#CANARY_WEIGHT} of its traffic to the
 * new version, the rest to the one it served. An alias with provisioned concurrency cannot carry weights (Lambda
 * refuses them), so the new version first gets the same provisioned concurrency, ready before any traffic, and the
 * alias is moved to it whole; Lambda moves the alias's own provisioned concurrency with it, and the promotion removes
 * the warm copy. Every step is re-done safely: Lambda answers the latest version when {@code $LATEST} has not changed
 * since, and an alias already where the move puts it is left there.
 */
public final class AliasRelease {

    /** Functions invoked unqualified only: every change is in place. */
    public static final AliasRelease NONE = new AliasRelease(null);

    private final AliasRouter router;

    public AliasRelease(AliasRouter router) {
        this.router = router;
    }

    /** The alias a change of {@code item} must reach, and what it serves, per the run's snapshot; empty: in place. */
    record Target(FunctionAlias alias, PublishedVersion served) {
    }

    Optional<Target> target(Recommendation item, RunEvidence evidence) {
        if (router == null || !item.kind().carriesRevisionId()) {
            return Optional.empty();
        }
        FunctionProfile profile = evidence.profile(item.functionArn());
        if (profile == null || profile.qualifiers() == null) {
            return Optional.empty();
        }
        return profile.trafficAlias().flatMap(alias -> profile.qualifiers().version(alias.functionVersion())
                .map(served -> new Target(alias, served)));
    }

    /**
     * Before anything is written: the live alias must still route as the snapshot saw it, or as an earlier item of this
     * run left it (its canary). Returns the move about to be made (its route before), or why not.
     */
    Prepared prepare(String runId, Recommendation item, Target target, ChangeLedger ledger) {
        AliasState live = router.alias(item.functionArn(), target.alias().name());
        AliasRouting planned = new AliasRouting(target.alias().functionVersion(), target.alias().additionalVersionWeights());
        boolean ownCanary = ledger.entriesOfRun(runId).stream().map(LedgerEntry::aliasMove)
                .anyMatch(move -> move != null && move.alias().equals(target.alias().name()) && move.isOurs(live.route()));
        if (!live.route().equals(planned) && !ownCanary) {
            return new Prepared(null, "alias " + target.alias().name() + " now routes to " + live.route().describe()
                    + ", planned against " + planned.describe() + ": someone moved it since");
        }
        Integer provisioned = router.provisionedConcurrency(item.functionArn(), target.alias().name());
        return new Prepared(new AliasMove(target.alias().name(), PENDING, live.route(), live.route(), provisioned), null);
    }

    /** The move prepared (before the version exists: {@link #PENDING}), or the refusal. */
    record Prepared(AliasMove move, String refusal) {
    }

    static final String PENDING = "pending";

    /**
     * After {@code $LATEST} changed (its revision now {@code latestRevisionId}): publishes it and moves the alias from
     * {@code prepared.before()}. Returns the move as made.
     */
    AliasMove release(String functionArn, String runId, String itemId, AliasMove prepared, Target target, String latestRevisionId) {
        String version = router.publish(functionArn, target.served().codeSha256(), latestRevisionId,
                PublishedVersion.FLEETOPT_DESCRIPTION_PREFIX + "run " + runId + ", item " + itemId);
        AliasRouting canary;
        if (prepared.warmedConcurrency() != null) {
            canary = AliasRouting.to(version);
        } else {
            Map<String, Double> weights = new HashMap<>();
            weights.put(version, AliasDelivery.CANARY_WEIGHT);
            canary = new AliasRouting(prepared.before().version(), weights);
        }
        AliasMove move = new AliasMove(prepared.alias(), version, prepared.before(), canary, prepared.warmedConcurrency());
        AliasState live = router.alias(functionArn, prepared.alias());
        if (move.isOurs(live.route())) {
            return move;
        }
        if (!live.route().equals(prepared.before())) {
            throw new AliasMovedException(prepared.alias(), live.route(), prepared.before());
        }
        if (move.warmedConcurrency() != null) {
            router.provision(functionArn, version, move.warmedConcurrency());
        }
        router.route(functionArn, prepared.alias(), canary, live.revisionId());
        return move;
    }

    /**
     * Sends all of the alias to the new version (and removes the warm copy of its provisioned concurrency). Returns
     * empty when done or already done, or why the alias was left as it is.
     */
    Optional<String> promote(String functionArn, AliasMove move) {
        AliasState live = router.alias(functionArn, move.alias());
        if (!move.isOurs(live.route())) {
            return Optional.of("alias " + move.alias() + " now routes to " + live.route().describe() + ", not fleetopt's "
                    + move.canary().describe() + ": left as it is");
        }
        if (!live.route().equals(move.promoted())) {
            router.route(functionArn, move.alias(), move.promoted(), live.revisionId());
        }
        if (move.warmedConcurrency() != null) {
            router.unprovision(functionArn, move.publishedVersion());
        }
        return Optional.empty();
    }

    /** Removes the provisioned concurrency fleetopt put on the move's version to warm it. */
    void retireWarmCopy(String functionArn, AliasMove move) {
        router.unprovision(functionArn, move.publishedVersion());
    }

    /** Why the alias is neither where fleetopt put it nor where it was before (someone moved it since), or empty. */
    Optional<String> drift(String functionArn, AliasMove move) {
        AliasState live = router.alias(functionArn, move.alias());
        if (live.route().equals(move.before()) || move.isOurs(live.route())) {
            return Optional.empty();
        }
        return Optional.of("alias " + move.alias() + " now routes to " + live.route().describe() + ", not fleetopt's "
                + move.canary().describe() + ": left as it is");
    }

    /**
     * Moves the alias back to the route it had before {@code move}, exactly, if it is still where fleetopt put it;
     * removes the new version's warm copy. Returns empty when done or already done, or why the alias was left alone.
     */
    Optional<String> moveBack(String functionArn, AliasMove move) {
        AliasState live = router.alias(functionArn, move.alias());
        if (!live.route().equals(move.before())) {
            if (!move.isOurs(live.route())) {
                return Optional.of("alias " + move.alias() + " now routes to " + live.route().describe() + ", not fleetopt's "
                        + move.canary().describe() + ": left as it is");
            }
            router.route(functionArn, move.alias(), move.before(), live.revisionId());
        }
        if (move.warmedConcurrency() != null) {
            router.unprovision(functionArn, move.publishedVersion());
        }
        return Optional.empty();
    }

    boolean isNone() {
        return router == null;
    }

    /** The alias is no longer where the move starts from (someone moved it between the check and the move). */
    static final class AliasMovedException extends RuntimeException {
        AliasMovedException(String alias, AliasRouting live, AliasRouting expected) {
            super("alias " + alias + " now routes to " + live.describe() + ", expected " + expected.describe()
                    + ": someone moved it since");
        }
    }
}
