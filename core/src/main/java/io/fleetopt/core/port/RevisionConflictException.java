package io.fleetopt.core.port;

/** The function changed since it was read: nothing was written. */
public class RevisionConflictException extends RuntimeException {

    public RevisionConflictException(String functionArn, String expected, String actual) {
        super(functionArn + " changed since it was read (revision " + expected + ", now " + actual + ")");
    }
}
