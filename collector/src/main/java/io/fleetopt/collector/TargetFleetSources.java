package io.fleetopt.collector;

import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.port.FleetSource;

/** The fleet source of one (account, region): in AWS, the account's member role in that region. */
@FunctionalInterface
public interface TargetFleetSources {

    /** A fleet source reading {@code target}; closing it releases what it holds (the assumed role's credentials). */
    TargetFleetSource open(CollectTarget target, String runId);

    /** A fleet source with what to release after the collection. */
    interface TargetFleetSource extends FleetSource, AutoCloseable {
        @Override
        void close();
    }
}
