package io.fleetopt.notifier.approval;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** A Lambda function URL response (payload format 2.0). */
@Serdeable
public record FunctionUrlResponse(int statusCode, Map<String, String> headers, String body,
                                  @JsonProperty("isBase64Encoded") boolean isBase64Encoded) {
}
