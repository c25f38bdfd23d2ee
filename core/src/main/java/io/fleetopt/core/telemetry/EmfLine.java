package io.fleetopt.core.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One stage invocation's metrics as a CloudWatch embedded metric format (EMF) log line: CloudWatch Logs extracts
 * the metrics from the function's log, so no PutMetricData call is made. Namespace {@value StageMetrics#NAMESPACE},
 * one dimension ({@code Stage}); the run id, the function ARN and the request id ride along as properties, searchable
 * in Logs Insights but not dimensions (a dimension per run would make a metric per run).
 */
public final class EmfLine {

    private static final JsonFactory JSON = new JsonFactory();

    private EmfLine() {
    }

    /** The JSON line (no trailing newline). */
    public static String of(Instant at, StageContext stage, Map<RunMetric, Number> metrics) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", at.toEpochMilli());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", StageMetrics.NAMESPACE);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            json.writeString("Stage");
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (RunMetric metric : metrics.keySet()) {
                json.writeStartObject();
                json.writeStringField("Name", metric.metricName());
                json.writeStringField("Unit", metric.unit());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField("Stage", stage.stage());
            for (Map.Entry<RunMetric, Number> metric : metrics.entrySet()) {
                writeNumber(json, metric.getKey().metricName(), metric.getValue());
            }
            stage.writeFields(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the EMF line of " + stage.stage(), e);
        }
        return out.toString();
    }

    private static void writeNumber(JsonGenerator json, String field, Number value) throws IOException {
        json.writeFieldName(field);
        switch (value) {
            case BigDecimal decimal -> json.writeNumber(decimal);
            case Double d -> json.writeNumber(d);
            case Float f -> json.writeNumber(f);
            default -> json.writeNumber(value.longValue());
        }
    }
}
