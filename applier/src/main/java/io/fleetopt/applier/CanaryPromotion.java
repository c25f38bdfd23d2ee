package io.fleetopt.applier;

import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.port.RevisionConflictException;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Promotes the canaries of earlier runs, at the start of each weekly run (the PromoteCanaries state, before Collect,
 * so the week's snapshot sees the alias where it now is): for each alias fleetopt moved, the latest move still
 * standing in the ledger (applied, not rolled back, not promoted) and at least {@link #MIN_CANARY_AGE} old, the alias
 * gets all its traffic on the new version (and the new version's warm copy of provisioned concurrency is removed),
 * guarded by the alias's revision, then a PROMOTED entry is recorded in the change's slot. An alias someone moved
 * since is left as it is and reported; a canary a guard alarm rolled back is not standing, so never promoted.
 * Running it again promotes nothing more.
 */
public final class CanaryPromotion {

    /** The canary's first part of the guard window: a day of the new version's own traffic at least. */
    public static final Duration MIN_CANARY_AGE = Duration.ofHours(24);
    /** How far back the ledger is read: a canary older than this is a run that stopped promoting long ago. */
    static final Duration LOOKBACK = Duration.ofDays(60);

    private final AliasRelease aliases;
    private final ChangeLedger ledger;
    private final Clock clock;

    public CanaryPromotion(AliasRelease aliases, ChangeLedger ledger, Clock clock) {
        this.aliases = aliases;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What became of one alias's canary. */
    @Serdeable
    public record Promotion(String functionName, String alias, String version, boolean promoted, String detail) {
    }

    public List<Promotion> promote() {
        if (aliases.isNone()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<LedgerEntry> entries = ledger.entriesBetween(now.minus(LOOKBACK), now.plusSeconds(1));
        Map<String, List<LedgerEntry>> movesByAlias = new LinkedHashMap<>();
        for (LedgerEntry standing : ChangeLedger.standing(entries)) {
            if (standing.aliasMove() != null && !standing.aliasMove().publishedVersion().equals(AliasRelease.PENDING)
                    && !promoted(entries, standing)) {
                movesByAlias.computeIfAbsent(standing.functionArn() + ":" + standing.aliasMove().alias(), k -> new ArrayList<>())
                        .add(standing);
            }
        }
        List<Promotion> promotions = new ArrayList<>();
        for (List<LedgerEntry> moves : movesByAlias.values()) {
            LedgerEntry latest = moves.getLast();
            if (latest.at().plus(MIN_CANARY_AGE).isAfter(now)) {
                continue;
            }
            Promotion promotion = promote(latest);
            promotions.add(promotion);
            if (promotion.promoted()) {
                // the earlier moves of the same alias were superseded by the latest: their versions' warm copies go too
                moves.subList(0, moves.size() - 1).forEach(this::retire);
            }
        }
        return List.copyOf(promotions);
    }

    private static boolean promoted(List<LedgerEntry> entries, LedgerEntry change) {
        return entries.stream().anyMatch(e -> e.action() == LedgerAction.PROMOTED && e.runId().equals(change.runId())
                && e.itemId().equals(change.itemId()));
    }

    /** A move the alias's latest move superseded: its version gets no traffic now; its warm copy is removed. */
    private void retire(LedgerEntry superseded) {
        if (superseded.aliasMove().warmedConcurrency() != null) {
            aliases.retireWarmCopy(superseded.functionArn(), superseded.aliasMove());
        }
        ledger.record(superseded.as(LedgerAction.PROMOTED, clock.instant(), superseded.revisionAfter()));
    }

    private Promotion promote(LedgerEntry change) {
        String alias = change.aliasMove().alias();
        String version = change.aliasMove().publishedVersion();
        try {
            Optional<String> left = aliases.promote(change.functionArn(), change.aliasMove());
            if (left.isPresent()) {
                return new Promotion(change.functionName(), alias, version, false, left.get());
            }
            ledger.record(change.as(LedgerAction.PROMOTED, clock.instant(), change.revisionAfter()));
            return new Promotion(change.functionName(), alias, version, true, "all of " + alias + " now goes to version " + version);
        } catch (FunctionNotFoundException e) {
            return new Promotion(change.functionName(), alias, version, false, "the function or its alias no longer exists");
        } catch (RevisionConflictException e) {
            return new Promotion(change.functionName(), alias, version, false, "the alias changed while it was promoted: " + e.getMessage());
        } catch (ChangeFailedException e) {
            return new Promotion(change.functionName(), alias, version, false, e.getMessage()
                    + (e.isTransient() ? " (the next run tries again)" : ""));
        }
    }
}
