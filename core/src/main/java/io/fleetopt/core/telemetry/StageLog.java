package io.fleetopt.core.telemetry;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/**
 * Where a stage's own lines go in Lambda: one JSON object per line on standard output, which Lambda sends to the
 * function's log group. The EMF line of an invocation goes the same way, alone on its line.
 */
public final class StageLog {

    private final PrintStream out;

    public StageLog(PrintStream out) {
        this.out = out;
    }

    public void info(StageContext stage, String message) {
        line("INFO", stage, message, null);
    }

    public void error(StageContext stage, String message, Throwable error) {
        line("ERROR", stage, message, error);
    }

    public void metrics(Instant at, StageContext stage, Map<RunMetric, Number> metrics) {
        synchronized (out) {
            out.println(EmfLine.of(at, stage, metrics));
            out.flush();
        }
    }

    private void line(String level, StageContext stage, String message, Throwable error) {
        synchronized (out) {
            out.println(JsonLogLine.of(Instant.now(), level, "fleetopt." + stage.stage(), message,
                    JsonLogFormatter.fields(stage), error));
            out.flush();
        }
    }
}
