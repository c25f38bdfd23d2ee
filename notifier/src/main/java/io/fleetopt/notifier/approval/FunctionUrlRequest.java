package io.fleetopt.notifier.approval;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * The part of a Lambda function URL event (payload format 2.0) the review endpoint reads. The body of a form post
 * arrives base64-encoded ({@code isBase64Encoded}); the query is taken from {@code rawQueryString}.
 */
@Serdeable
public record FunctionUrlRequest(@Nullable String version, @Nullable String rawPath, @Nullable String rawQueryString,
                                 @Nullable Map<String, String> headers, @Nullable String body,
                                 @JsonProperty("isBase64Encoded") boolean isBase64Encoded,
                                 @Nullable RequestContext requestContext) {

    @Serdeable
    public record RequestContext(@Nullable Http http) {
    }

    @Serdeable
    public record Http(String method, @Nullable String path, @Nullable String sourceIp, @Nullable String userAgent) {
    }
}
