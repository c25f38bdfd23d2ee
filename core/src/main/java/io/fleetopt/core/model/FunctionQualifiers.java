package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How a function is invoked: its aliases, published versions, SnapStart ({@code snapStart}: "PublishedVersions" or
 * "None"), the code of {@code $LATEST}, and the invocations over the window by qualifier. A field that could not be
 * read is named in {@code unknownFields} ({@link #ALIASES}, {@link #VERSIONS}, {@link #PROVISIONED},
 * {@link #TRAFFIC}): unknown, never "none".
 */
@Serdeable
public record FunctionQualifiers(
        List<FunctionAlias> aliases,
        List<PublishedVersion> versions,
        @Nullable String snapStart,
        @Nullable String latestCodeSha256,
        List<String> unknownFields) {

    public static final String ALIASES = "aliases";
    public static final String VERSIONS = "versions";
    public static final String PROVISIONED = "provisionedConcurrency";
    public static final String TRAFFIC = "invocationsByAlias";

    /** An alias carries the function's traffic when it had more than half of the window's invocations. */
    public static final double TRAFFIC_SHARE = 0.5;

    public boolean isUnknown(String field) {
        return unknownFields.contains(field);
    }

    public boolean snapStartOn() {
        return "PublishedVersions".equals(snapStart);
    }

    /**
     * The alias most of the function's {@code totalInvocations} went through, if one did: where a change must land to
     * reach the traffic. Without invocations by alias (not read), the only alias of a SnapStart function counts, as
     * SnapStart only ever runs published versions.
     */
    public Optional<FunctionAlias> trafficAlias(long totalInvocations) {
        Optional<FunctionAlias> busiest = aliases.stream().filter(a -> a.invocations() != null)
                .max(Comparator.comparingLong(FunctionAlias::invocations));
        if (busiest.isPresent() && totalInvocations > 0 && busiest.get().invocations() > totalInvocations * TRAFFIC_SHARE) {
            return busiest;
        }
        if (isUnknown(TRAFFIC) && snapStartOn() && aliases.size() == 1) {
            return Optional.of(aliases.getFirst());
        }
        return Optional.empty();
    }

    /** The share of {@code totalInvocations} that went through the alias, 0..1, when known. */
    public Optional<Double> shareOf(FunctionAlias alias, long totalInvocations) {
        return alias.invocations() == null || totalInvocations <= 0 ? Optional.empty()
                : Optional.of(Math.min(1.0, alias.invocations() / (double) totalInvocations));
    }

    public Optional<PublishedVersion> version(String number) {
        return versions.stream().filter(v -> v.version().equals(number)).findFirst();
    }

    /** Nothing read: a function whose qualifiers the collector had no reason to look at (no qualified traffic). */
    public static FunctionQualifiers unqualified(@Nullable String snapStart, @Nullable String latestCodeSha256) {
        return new FunctionQualifiers(List.of(), List.of(), snapStart, latestCodeSha256, List.of());
    }
}
