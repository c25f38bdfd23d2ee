package io.fleetopt.applier;

import io.fleetopt.core.model.ApplyStatus;
import io.micronaut.serde.annotation.Serdeable;

/** What one Map iteration passes on: the item and its status; the full outcome is in the artifact store. */
@Serdeable
public record ApplyItemResponse(String itemId, ApplyStatus status) {
}
