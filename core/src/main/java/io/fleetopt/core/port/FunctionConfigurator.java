package io.fleetopt.core.port;

import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.RecommendationKind;

/** Reads a function's live settings and changes one of them, with optimistic locking on the revision id. */
public interface FunctionConfigurator {

    /** The live settings and tags; throws {@link FunctionNotFoundException} when the function is gone. */
    FunctionSettings read(String functionArn);

    /** The account's live concurrency limit and unreserved pool in the function's region. */
    AccountConcurrency accountConcurrency(String functionArn);

    /**
     * Sets one setting to its canonical value. Changes to the function's configuration carry
     * {@code expectedRevisionId}; a mismatch throws {@link RevisionConflictException} and changes nothing.
     * A call AWS refused throws {@link ChangeFailedException}, transient or permanent as decided where it was caught.
     * Returns the settings after the change has settled.
     */
    FunctionSettings update(String functionArn, RecommendationKind kind, String value, String expectedRevisionId);
}
