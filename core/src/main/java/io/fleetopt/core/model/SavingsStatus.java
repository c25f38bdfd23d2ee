package io.fleetopt.core.model;

/** What became of one applied change, for its realized saving. */
public enum SavingsStatus {
    /** Standing, and measured from the function's usage before and this week. */
    MEASURED("measured"),
    /** Undone by a rollback: it saves nothing. */
    ROLLED_BACK("rolled back"),
    /** The live value is no longer the one fleetopt set (someone or a deploy changed it): it saves nothing. */
    DRIFTED("drifted away"),
    /**
     * Its function's invocations all go through aliases routed to versions published before the change, which keep
     * the old value: it saves nothing.
     */
    NOT_IN_TRAFFIC("not in traffic"),
    /** A later fleetopt run changed the same setting again; that run's change is measured instead. */
    SUPERSEDED("superseded"),
    /** The function did not run before or this week: nothing to measure. */
    NO_TRAFFIC("no traffic"),
    /** A kind whose cost is not Lambda compute (timeout, log retention, tracing, concurrency): not measured here. */
    NOT_MEASURED("not measured");

    private final String label;

    SavingsStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
