package io.fleetopt.collector.aws;

/** The member accounts of the run could not be listed (a permanent failure: the message says what to fix). */
public final class MemberAccountsUnavailableException extends RuntimeException {

    public MemberAccountsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
