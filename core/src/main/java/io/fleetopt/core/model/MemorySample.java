package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The size of a REPORT-line reading: how many lines were read and on how many of the window's days. For a
 * {@link MemorySource#LOG_SAMPLE} its maximum is a lower bound whose trust grows with {@code reportLines}.
 */
@Serdeable
public record MemorySample(long reportLines, int daysCovered) {
}
