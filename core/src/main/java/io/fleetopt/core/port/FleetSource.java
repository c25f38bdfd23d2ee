package io.fleetopt.core.port;

import io.fleetopt.core.model.FleetSnapshot;

/** Discovers the functions of an account and gathers their configuration and metrics. Read-only. */
public interface FleetSource {

    FleetSnapshot collect(CollectRequest request);
}
