package io.fleetopt.notifier;

import io.fleetopt.core.port.AlarmPort;

/**
 * The guard alarms of a member account in one region, through its member role (deployed:
 * {@link io.fleetopt.notifier.aws.MemberAccountAlarms}). A run over member accounts wires each changed function's
 * alarms in the function's own account and region, where its metrics are.
 */
public interface MemberAlarmPorts {

    /** The alarms of {@code accountId} in {@code region}; closing the port ends its session. */
    Port open(String accountId, String region);

    /** One member account's alarms in one region. */
    interface Port extends AlarmPort, AutoCloseable {
        @Override
        void close();
    }
}
