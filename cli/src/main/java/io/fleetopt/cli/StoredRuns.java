package io.fleetopt.cli;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** The runs an artifact store holds: which of them wrote a document last (the state folder's, or a stack's bucket). */
interface StoredRuns {

    /**
     * The run whose document at {@code keyOfRun} (e.g. {@code ArtifactKeys::savings}) was written last, ties broken by
     * the key; empty when no run has one.
     */
    Optional<String> latestWith(UnaryOperator<String> keyOfRun);

    /** The keys of the documents right below {@code prefix} (a folder's files, a bucket's objects), over every page. */
    java.util.List<String> keysUnder(String prefix);
}
