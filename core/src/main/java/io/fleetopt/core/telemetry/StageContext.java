package io.fleetopt.core.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Who is logging: the Task state's name ({@code Collect}, {@code ApplyItem}, …), the run it works on, the Lambda
 * function's ARN and the request id (each may be null outside Lambda). Every log line and EMF line carries them.
 */
public record StageContext(String stage, String runId, String functionArn, String requestId) {

    public static final String STAGE = "stage";
    public static final String RUN_ID = "runId";
    public static final String FUNCTION_ARN = "functionArn";
    public static final String REQUEST_ID = "requestId";

    void writeFields(JsonGenerator json) throws IOException {
        writeIfSet(json, RUN_ID, runId);
        writeIfSet(json, FUNCTION_ARN, functionArn);
        writeIfSet(json, REQUEST_ID, requestId);
    }

    private static void writeIfSet(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
