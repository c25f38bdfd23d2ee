package io.fleetopt.core.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats java.util.logging records (and so SLF4J's, through slf4j-jdk14 in the Lambda jars) as {@link JsonLogLine}s
 * carrying the current stage's context.
 */
public final class JsonLogFormatter extends Formatter {

    private final Supplier<StageContext> context;

    public JsonLogFormatter(Supplier<StageContext> context) {
        this.context = context;
    }

    @Override
    public String format(LogRecord record) {
        return JsonLogLine.of(record.getInstant(), level(record.getLevel()), record.getLoggerName(), formatMessage(record),
                fields(context.get()), record.getThrown()) + System.lineSeparator();
    }

    static Map<String, String> fields(StageContext stage) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (stage != null) {
            fields.put(StageContext.STAGE, stage.stage());
            fields.put(StageContext.RUN_ID, stage.runId());
            fields.put(StageContext.FUNCTION_ARN, stage.functionArn());
            fields.put(StageContext.REQUEST_ID, stage.requestId());
        }
        return fields;
    }

    /** Lambda's level names (TRACE, DEBUG, INFO, WARN, ERROR) for java.util.logging's levels. */
    static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** java.util.logging's level for Lambda's {@code AWS_LAMBDA_LOG_LEVEL} (the function's application log level). */
    public static Level julLevel(String lambdaLevel) {
        if (lambdaLevel == null) {
            return Level.INFO;
        }
        return switch (lambdaLevel.toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "WARN" -> Level.WARNING;
            case "ERROR", "FATAL" -> Level.SEVERE;
            default -> Level.INFO;
        };
    }
}
