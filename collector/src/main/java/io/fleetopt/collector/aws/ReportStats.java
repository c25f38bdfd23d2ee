package io.fleetopt.collector.aws;

import io.micronaut.core.annotation.Nullable;

/** What a function's REPORT lines say: the most memory used, its memory size, how many lines were seen. */
record ReportStats(int maxMemoryUsedMb, @Nullable Integer memorySizeMb, long reports) {
}
