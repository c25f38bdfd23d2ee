package io.fleetopt.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a deserialization failure into one line a person can act on: the field's path ("items[0].risk") when the
 * failure gives a position in the document, and the innermost reason without the parser's boilerplate.
 */
final class SerdeMessages {

    private static final Pattern POSITION = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Pattern SOURCE = Pattern.compile("\\s*at \\[Source: .*$");
    private static final Pattern UNKNOWN = Pattern.compile("Unknown property \\[([^\\]]+)] encountered during deserialization of type: (\\w+)");
    private static final Pattern NESTED = Pattern.compile("^(?:Cannot deserialize value of type `[^`]+` due to: )+");
    private static final JsonFactory JSON = new JsonFactory();

    private SerdeMessages() {
    }

    static String explain(Throwable failure, String json) {
        String message = innermostMessage(failure);
        Matcher unknown = UNKNOWN.matcher(message);
        if (unknown.find()) {
            String field = pathOfField(json, unknown.group(1));
            return (field.isEmpty() ? unknown.group(1) : field) + ": unknown field (a " + unknown.group(2) + " has no such field)";
        }
        Matcher position = POSITION.matcher(message);
        String reason = NESTED.matcher(SOURCE.matcher(message).replaceAll("")).replaceAll("").trim();
        if (position.find()) {
            String field = fieldAt(json, Integer.parseInt(position.group(1)), Integer.parseInt(position.group(2)));
            if (!field.isEmpty()) {
                return field + ": " + reason;
            }
        }
        return reason;
    }

    private static String innermostMessage(Throwable failure) {
        String message = failure.getMessage();
        Throwable cause = failure.getCause();
        while ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
            cause = cause.getCause();
        }
        return message == null ? failure.getClass().getSimpleName() : message.replace('\n', ' ').replaceAll("\\s+", " ").trim();
    }

    /** The path of the value at (or just before) a line and column of the document, like "items[0].risk". */
    static String fieldAt(String json, int line, int column) {
        String path = "";
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonLocation at = parser.currentTokenLocation();
                if (at.getLineNr() > line || (at.getLineNr() == line && at.getColumnNr() > column)) {
                    break;
                }
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    path = readable(parser.getParsingContext().pathAsPointer().toString());
                }
            }
        } catch (IOException e) {
            // a document that does not even parse: the reason alone says what is wrong
        }
        return path;
    }

    /** The path of the first field of that name in the document, like "items[0].rationale_typo". */
    static String pathOfField(String json, String name) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && name.equals(parser.currentName())) {
                    return readable(parser.getParsingContext().pathAsPointer().toString());
                }
            }
        } catch (IOException e) {
            // a document that does not even parse: the field's name alone has to do
        }
        return "";
    }

    /** "/items/0/risk" as "items[0].risk". */
    private static String readable(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.matches("\\d+")) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }
}
