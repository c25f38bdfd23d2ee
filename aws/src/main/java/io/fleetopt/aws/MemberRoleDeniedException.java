package io.fleetopt.aws;

/** The member role of a target could not be assumed (a permanent failure: the message names the role and what to check). */
public final class MemberRoleDeniedException extends RuntimeException {

    public MemberRoleDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
