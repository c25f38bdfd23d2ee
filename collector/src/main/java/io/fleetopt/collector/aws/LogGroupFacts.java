package io.fleetopt.collector.aws;

import io.micronaut.core.annotation.Nullable;

/** A log group as DescribeLogGroups lists it: retention (null: never expires) and stored bytes. */
record LogGroupFacts(String name, @Nullable Integer retentionDays, @Nullable Long storedBytes) {
}
