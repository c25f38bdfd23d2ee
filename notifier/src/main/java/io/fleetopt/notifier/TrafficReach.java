package io.fleetopt.notifier;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.AliasRoute;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.port.RoutedVersion;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Whether a change reached the function's traffic. A change to $LATEST's memory, timeout or tracing does not reach
 * invocations routed through an alias to a version published before it: that version keeps the settings it was
 * published with. So when a function has aliases and every one of them routes only to such versions, whose value is
 * not the one fleetopt set, the change never reached traffic; when only some do, it reached part of it. Reserved
 * concurrency and log retention belong to the
 * whole function and always reach it; a function without aliases is invoked on $LATEST.
 */
public final class TrafficReach {

    private TrafficReach() {
    }

    /** Why the change never reached traffic, or empty when it did (or could have). */
    public static Optional<String> notInTraffic(LedgerEntry change, List<AliasRoute> aliases) {
        if (aliases.isEmpty() || !isFrozenIntoVersions(change.kind())) {
            return Optional.empty();
        }
        List<AliasRoute> stale = staleAliases(change, aliases);
        if (stale.size() < aliases.size()) {
            return Optional.empty();
        }
        return Optional.of("its aliases route only to versions published before the change: " + describe(stale, change.kind())
                + "; the " + SettingValues.display(change.kind(), change.after()) + " fleetopt set on "
                + LocalDate.ofInstant(change.at(), ZoneOffset.UTC) + " runs in none of them");
    }

    /**
     * When some of the function's aliases (not all) route only to versions published before the change: which, in
     * words; the invocations through them do not run the change, so part of a measured saving may not be real.
     */
    public static Optional<String> partlyInTraffic(LedgerEntry change, List<AliasRoute> aliases) {
        if (aliases.isEmpty() || !isFrozenIntoVersions(change.kind())) {
            return Optional.empty();
        }
        List<AliasRoute> stale = staleAliases(change, aliases);
        if (stale.isEmpty() || stale.size() == aliases.size()) {
            return Optional.empty();
        }
        return Optional.of("not all its traffic runs the change: " + describe(stale, change.kind())
                + ", published before the change");
    }

    private static List<AliasRoute> staleAliases(LedgerEntry change, List<AliasRoute> aliases) {
        return aliases.stream().filter(a -> a.versions().stream().noneMatch(v -> runsTheChange(v, change))).toList();
    }

    private static String describe(List<AliasRoute> aliases, RecommendationKind kind) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < aliases.size(); i++) {
            AliasRoute alias = aliases.get(i);
            out.append(i == 0 ? "" : "; ").append("alias ").append(alias.alias()).append(" to ");
            for (int j = 0; j < alias.versions().size(); j++) {
                RoutedVersion v = alias.versions().get(j);
                out.append(j == 0 ? "" : " and ").append("version ").append(v.version())
                        .append(alias.versions().size() > 1 ? " (" + Math.round(v.weight() * 100) + " %)" : "")
                        .append(", published ").append(LocalDate.ofInstant(v.lastModified(), ZoneOffset.UTC))
                        .append(" with ").append(v.display(kind));
            }
        }
        return out.toString();
    }

    /** Memory, timeout and tracing are copied into a version when it is published; the other settings are the function's. */
    static boolean isFrozenIntoVersions(RecommendationKind kind) {
        return kind == RecommendationKind.MEMORY || kind == RecommendationKind.TIMEOUT || kind == RecommendationKind.TRACING;
    }

    /** $LATEST follows the change; a version published at or after it was copied from it; any version with the value runs it. */
    private static boolean runsTheChange(RoutedVersion version, LedgerEntry change) {
        return version.isLatest() || version.lastModified() == null || !version.lastModified().isBefore(change.at())
                || version.valueOf(change.kind()).map(change.after()::equals).orElse(true);
    }
}
