package io.fleetopt.core.port;

/**
 * One run changes the account at a time. A run's appliers hold its lease while they apply (a retried or parallel
 * iteration of the same run shares it); another run's {@link #acquire} throws {@link LeaseHeldException} until the
 * holder releases it or its lease expires.
 */
public interface RunLease {

    RunLease NONE = new RunLease() {
        @Override
        public void acquire(String runId) {
        }

        @Override
        public void release(String runId) {
        }
    };

    void acquire(String runId);

    /** Releases the lease if {@code runId} holds it; a no-op otherwise. */
    void release(String runId);
}
