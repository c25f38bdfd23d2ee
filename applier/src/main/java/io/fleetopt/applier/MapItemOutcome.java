package io.fleetopt.applier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One element of the ApplyApproved Map's result: an {@link ApplyItemResponse}, or, from the Map's per-item
 * Catch, status FAILED with the error and cause Step Functions reported.
 */
@Serdeable
public record MapItemOutcome(String itemId, @Nullable String status, @Nullable String error, @Nullable String cause) {
}
