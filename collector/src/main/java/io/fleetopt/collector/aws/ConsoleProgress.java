package io.fleetopt.collector.aws;

import java.io.PrintStream;

/**
 * Progress as one status line on a terminal ("us-east-1: 1,234 functions, 600 in scope; metrics 300/600"),
 * rewritten in place on standard error. Silent when there is no terminal (pipes, CI, Lambda).
 */
public final class ConsoleProgress implements CollectionProgress {

    private final PrintStream out;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    /** A status line on standard error when a terminal is attached, else {@link CollectionProgress#SILENT}. */
    public static CollectionProgress onTerminal() {
        return System.console() != null && System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null
                ? new ConsoleProgress(System.err) : SILENT;
    }

    @Override
    public synchronized void discovered(String region, int functions, int inScope) {
        line(String.format("%s: %,d functions discovered, %,d in scope", region, functions, inScope));
    }

    @Override
    public synchronized void collected(String region, int collected, int inScope) {
        line(String.format("%s: metrics for %,d of %,d functions", region, collected, inScope));
    }

    @Override
    public synchronized void phase(String region, String phase) {
        line(String.format("%s: %s…", region, phase));
        if (phase.equals("done")) {
            out.print('\n');
        }
    }

    private void line(String text) {
        out.print("\r\033[2K" + text);
        out.flush();
    }
}
