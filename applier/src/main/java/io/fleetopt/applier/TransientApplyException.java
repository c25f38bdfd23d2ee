package io.fleetopt.applier;

/**
 * An item failed for a reason that goes away by itself (throttling, an update still in progress, a service error,
 * a sibling item changing the same function), as decided where the failure was caught. Thrown out of the Lambda so
 * that the state machine's Retry on {@code io.fleetopt.applier.TransientApplyException} tries the item again with
 * backoff; the ledger's intent makes the retry reconcile instead of applying twice.
 */
public final class TransientApplyException extends RuntimeException {

    private final String itemId;

    public TransientApplyException(String itemId, String reason) {
        super("item " + itemId + " failed for now, to be retried: " + reason);
        this.itemId = itemId;
    }

    public String itemId() {
        return itemId;
    }
}
