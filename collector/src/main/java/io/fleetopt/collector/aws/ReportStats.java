package io.fleetopt.collector.aws;

import io.micronaut.core.annotation.Nullable;

/**
 * What a function's REPORT lines say: the most memory used, its memory size, how many lines were seen, and their
 * average Billed Duration (INIT included where Lambda bills it), or null when not read.
 */
record ReportStats(int maxMemoryUsedMb, @Nullable Integer memorySizeMb, long reports, @Nullable Double billedDurationAvgMs) {

    ReportStats(int maxMemoryUsedMb, @Nullable Integer memorySizeMb, long reports) {
        this(maxMemoryUsedMb, memorySizeMb, reports, null);
    }
}
