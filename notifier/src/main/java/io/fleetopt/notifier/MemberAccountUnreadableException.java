package io.fleetopt.notifier;

/** A member account whose functions cannot be read (its member role cannot be assumed): the message says why. */
public final class MemberAccountUnreadableException extends RuntimeException {

    public MemberAccountUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
