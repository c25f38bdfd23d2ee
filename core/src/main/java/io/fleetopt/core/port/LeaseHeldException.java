package io.fleetopt.core.port;

import java.time.Instant;

/** Another run holds the lease to change the account: this one waits (the state machine retries) or stops. */
public class LeaseHeldException extends RuntimeException {

    private final String holderRunId;
    private final Instant expiresAt;

    public LeaseHeldException(String holderRunId, Instant expiresAt) {
        super("run " + holderRunId + " is applying changes to this account (its lease runs until " + expiresAt
                + "); this run waits for it and changes nothing meanwhile");
        this.holderRunId = holderRunId;
        this.expiresAt = expiresAt;
    }

    public String holderRunId() {
        return holderRunId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
