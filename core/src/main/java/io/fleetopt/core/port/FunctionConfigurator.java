package io.fleetopt.core.port;

import io.fleetopt.core.model.RecommendationKind;

/** Reads a function's live settings and changes one of them, with optimistic locking on the revision id. */
public interface FunctionConfigurator {

    /** The live settings; throws {@link FunctionNotFoundException} when the function is gone. */
    FunctionSettings read(String functionArn);

    /**
     * Sets one setting to its canonical value. Changes to the function's configuration carry
     * {@code expectedRevisionId}; a mismatch throws {@link RevisionConflictException} and changes nothing.
     * Returns the settings after the change has settled.
     */
    FunctionSettings update(String functionArn, RecommendationKind kind, String value, String expectedRevisionId);
}
