package io.fleetopt.collector.aws;

/** The collection cannot produce a snapshot worth analysing; the message says what to fix. */
public final class CollectionFailedException extends RuntimeException {

    public CollectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
