package io.fleetopt.core.port;

import java.time.Instant;

/** Another run holds the lease to change the account: this one waits (the state machine retries) or stops. */
public class LeaseHeldException extends RuntimeException {

    public LeaseHeldException(String holderRunId, Instant expiresAt) {
        super("run " + holderRunId + " is applying changes to this account (its lease runs until " + expiresAt
                + "); this run waits for it and changes nothing meanwhile");
    }
}
