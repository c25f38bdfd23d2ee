package io.fleetopt.core.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * A log line as one JSON object, with the field names of Lambda's JSON log format ({@code timestamp}, {@code level},
 * {@code message}, {@code logger}) plus the stage's context ({@code stage}, {@code runId}, {@code functionArn},
 * {@code requestId}) and, for a failure, {@code errorType} and {@code stackTrace}.
 */
public final class JsonLogLine {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonLogLine() {
    }

    public static String of(Instant at, String level, String logger, String message, Map<String, String> context,
                            Throwable error) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", at.toString());
            json.writeStringField("level", level);
            json.writeStringField("message", message);
            json.writeStringField("logger", logger);
            for (Map.Entry<String, String> field : context.entrySet()) {
                if (field.getValue() != null) {
                    json.writeStringField(field.getKey(), field.getValue());
                }
            }
            if (error != null) {
                json.writeStringField("errorType", error.getClass().getName());
                StringWriter trace = new StringWriter();
                error.printStackTrace(new PrintWriter(trace));
                json.writeStringField("stackTrace", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a log line", e);
        }
        return out.toString();
    }
}
