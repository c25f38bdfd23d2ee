package io.fleetopt.applier;

import io.fleetopt.core.model.ItemOutcome;

/** One item's outcome, and whether its failure is worth another try (decided where the failure was caught). */
record ItemApplication(ItemOutcome outcome, boolean retryable) {

    static ItemApplication done(ItemOutcome outcome) {
        return new ItemApplication(outcome, false);
    }
}
