package io.fleetopt.analyzer;

/**
 * The reserved concurrency a plan may still hand out: the account's unreserved concurrency above its floor,
 * less what earlier items of the same plan already took. One per analysis.
 */
public final class ConcurrencyBudget {

    private int available;

    public ConcurrencyBudget(int unreservedConcurrency, int minUnreserved) {
        this.available = Math.max(0, unreservedConcurrency - minUnreserved);
    }

    public int available() {
        return available;
    }

    /** Takes up to {@code wanted}; returns what was granted. */
    public int take(int wanted) {
        int granted = Math.max(0, Math.min(wanted, available));
        available -= granted;
        return granted;
    }
}
