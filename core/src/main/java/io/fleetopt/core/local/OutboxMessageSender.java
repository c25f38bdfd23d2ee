package io.fleetopt.core.local;

import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageSender;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Locally, a message is printed and kept as a text file in the outbox folder, as the email would read. */
public final class OutboxMessageSender implements MessageSender {

    private final Path outbox;
    private final PrintStream console;

    public OutboxMessageSender(Path outbox, PrintStream console) {
        this.outbox = outbox;
        this.console = console;
    }

    @Override
    public void send(Message message) {
        String name = message.runId() + "-" + message.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + ".txt";
        Path file = outbox.resolve(name);
        String text = "Subject: " + message.subject() + "\n\n" + message.body();
        try {
            Files.createDirectories(outbox);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the message to " + file, e);
        }
        console.println();
        console.println(text);
        console.println("(kept in " + file + ")");
    }
}
