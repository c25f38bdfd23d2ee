package io.fleetopt.core.json;

/** A document that cannot be used: the message names the source and the field that is wrong. */
public class InvalidDocumentException extends RuntimeException {

    public InvalidDocumentException(String message) {
        super(message);
    }

    public InvalidDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
