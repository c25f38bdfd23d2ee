package io.fleetopt.notifier.approval;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * One request to the review endpoint, whichever server received it (a Lambda function URL, the local server):
 * the method, the path, the query parameters, the body as text (a form post), and where it came from.
 */
public record HttpCall(String method, String path, Map<String, String> query, @Nullable String body,
                       @Nullable String sourceIp, @Nullable String userAgent) {

    public HttpCall {
        query = query == null ? Map.of() : Map.copyOf(query);
    }
}
