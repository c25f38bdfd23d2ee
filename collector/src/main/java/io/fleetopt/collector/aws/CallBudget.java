package io.fleetopt.collector.aws;

import java.util.concurrent.atomic.AtomicLong;

/** A run's allowance of calls to one operation, shared by the worker threads: a call it cannot pay for is not made. */
final class CallBudget {

    private final String operation;
    private final long limit;
    private final AtomicLong left;

    CallBudget(String operation, long limit) {
        this.operation = operation;
        this.limit = limit;
        this.left = new AtomicLong(limit);
    }

    /** Takes {@code calls} from the budget if all of them are left. */
    boolean take(long calls) {
        while (true) {
            long now = left.get();
            if (now < calls) {
                return false;
            }
            if (left.compareAndSet(now, now - calls)) {
                return true;
            }
        }
    }

    long used() {
        return limit - left.get();
    }

    /** Why a reading was not made, in words. */
    String exhausted() {
        return "the run's " + operation + " budget of " + String.format(java.util.Locale.ROOT, "%,d", limit)
                + " calls was spent (fleetopt.collector." + CollectionLimits.FILTER_LOG_EVENTS_BUDGET_KEY + ")";
    }
}
