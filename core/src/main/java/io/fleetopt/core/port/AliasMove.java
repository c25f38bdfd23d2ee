package io.fleetopt.core.port;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How a change reached an alias's traffic, in its ledger entry: the version published, the alias's route before
 * (what a rollback restores, exactly) and after the canary move, the route a promotion gives it, and the
 * provisioned concurrency put on the new version to warm it ({@code warmedConcurrency}, null for none).
 */
@Serdeable
public record AliasMove(
        String alias,
        String publishedVersion,
        AliasRouting before,
        AliasRouting canary,
        @Nullable Integer warmedConcurrency) {

    /** Where a promotion sends the alias: all of it to the published version. */
    public AliasRouting promoted() {
        return AliasRouting.to(publishedVersion);
    }

    /** True when the live route is one fleetopt gave the alias with this move (the canary, or its promotion). */
    public boolean isOurs(AliasRouting live) {
        return live.equals(canary) || live.equals(promoted());
    }
}
