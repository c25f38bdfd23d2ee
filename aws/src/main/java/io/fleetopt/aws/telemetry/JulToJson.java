package io.fleetopt.aws.telemetry;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Points java.util.logging (and SLF4J through slf4j-jdk14) at standard output, one JSON line per record. */
final class JulToJson {

    private JulToJson() {
    }

    static void install(Formatter formatter, Level level) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Handler stdout = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    System.out.print(getFormatter().format(record));
                    System.out.flush();
                }
            }

            @Override
            public void flush() {
                System.out.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        stdout.setFormatter(formatter);
        stdout.setLevel(level);
        root.addHandler(stdout);
        root.setLevel(level);
    }
}
