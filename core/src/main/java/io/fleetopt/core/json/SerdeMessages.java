package io.fleetopt.core.json;

/** Turns a deserialization failure into one line a person can act on. */
final class SerdeMessages {

    private SerdeMessages() {
    }

    static String explain(Throwable failure) {
        String message = failure.getMessage();
        Throwable cause = failure.getCause();
        while ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
            cause = cause.getCause();
        }
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        return message.replace('\n', ' ').replaceAll("\\s+", " ").trim();
    }
}
