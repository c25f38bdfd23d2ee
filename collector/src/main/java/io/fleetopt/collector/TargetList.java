package io.fleetopt.collector;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What ListTargets passes on: where the (account, region) items are (JSON Lines, one {@code CollectTarget} a line),
 * how many there are, and where the Map's ResultWriter writes. The list itself stays in the artifact store: it grows
 * with accounts x regions.
 */
@Serdeable
public record TargetList(String targetsKey, int targetCount, String resultPrefix) {
}
