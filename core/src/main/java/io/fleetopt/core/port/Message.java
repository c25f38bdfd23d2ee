package io.fleetopt.core.port;

/** A plain-text message that reads well in an email and in a terminal. */
public record Message(MessageKind kind, String runId, String subject, String body) {
}
