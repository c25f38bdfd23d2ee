package io.fleetopt.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Where the commands print and read: the process's streams, or a test's. */
public final class Terminal {

    final PrintStream out;
    final PrintStream err;
    private final BufferedReader in;

    public Terminal(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Asks a question; null when there is nobody to answer (end of input). */
    String ask(String question) {
        out.print(question);
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the answer", e);
        }
    }
}
