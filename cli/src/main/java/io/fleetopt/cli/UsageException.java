package io.fleetopt.cli;

/** The command cannot go on as asked; the message says what to do instead. Nothing was changed. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
