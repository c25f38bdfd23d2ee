package io.fleetopt.collector.aws;

/**
 * What the collector tells whoever watches it (the CLI on a terminal, see {@link ConsoleProgress}). The default is
 * silent. Methods may be called from the collector's worker threads.
 */
public interface CollectionProgress {

    CollectionProgress SILENT = new CollectionProgress() { };

    /** A region's listing is complete: {@code functions} found, {@code inScope} of them will be collected. */
    default void discovered(String region, int functions, int inScope) {
    }

    /** Metrics are in for {@code collected} of the region's {@code inScope} functions. */
    default void collected(String region, int collected, int inScope) {
    }

    /** A phase of a region started ("metrics", "details", "aliases", "memory"), or the region is "done". */
    default void phase(String region, String phase) {
    }
}
