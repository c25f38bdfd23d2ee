package io.fleetopt.core.port;

import io.micronaut.core.annotation.Nullable;

/**
 * Publishes a function's {@code $LATEST} as a version and moves an alias, each guarded: the publication by the code
 * ({@code CodeSha256}) and the revision of {@code $LATEST} it was checked against, the move by the alias's revision id.
 * A guard that no longer holds throws {@link RevisionConflictException} and changes nothing; a call AWS refused
 * throws {@link ChangeFailedException}, transient or permanent; a missing function or alias
 * {@link FunctionNotFoundException}.
 */
public interface AliasRouter {

    AliasState alias(String functionArn, String alias);

    /** Publishes {@code $LATEST}; returns the version number (Lambda answers the latest one when nothing changed since). */
    String publish(String functionArn, String expectedCodeSha256, String expectedRevisionId, String description);

    /** Points the alias at {@code route}; returns the alias as it is afterwards. */
    AliasState route(String functionArn, String alias, AliasRouting route, String expectedAliasRevisionId);

    /** The provisioned concurrency requested on a qualifier (alias or version), null when it has none. */
    @Nullable Integer provisionedConcurrency(String functionArn, String qualifier);

    /** Requests {@code concurrency} on the qualifier and waits until it is ready. */
    void provision(String functionArn, String qualifier, int concurrency);

    /** Removes the qualifier's provisioned concurrency; nothing when it has none. */
    void unprovision(String functionArn, String qualifier);
}
