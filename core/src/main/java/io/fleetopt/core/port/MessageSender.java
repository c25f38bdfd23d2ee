package io.fleetopt.core.port;

/** Sends a message to people (SNS in AWS; the console and an outbox folder locally). */
public interface MessageSender {

    void send(Message message);
}
