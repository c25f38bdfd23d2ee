package io.fleetopt.core.model;

import io.micronaut.serde.annotation.Serdeable;

/** The account's concurrency limit and what is left unreserved (GetAccountSettings). */
@Serdeable
public record AccountConcurrency(int concurrentExecutionsLimit, int unreservedConcurrentExecutions) {
}
