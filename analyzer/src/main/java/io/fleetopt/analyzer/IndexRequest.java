package io.fleetopt.analyzer;

import io.fleetopt.core.model.RunState;
import io.micronaut.serde.annotation.Serdeable;

/** What IndexRun is given: the run, and the key of the manifest the CollectAndAnalyzeEachTarget Map's ResultWriter wrote. */
@Serdeable
public record IndexRequest(RunState run, String manifestKey) {
}
