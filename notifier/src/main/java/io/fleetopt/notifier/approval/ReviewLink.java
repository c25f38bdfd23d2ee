package io.fleetopt.notifier.approval;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A signed link to a run's review page: {@code /review/<runId>?expires=<epoch seconds>&sig=<HMAC>}. */
public record ReviewLink(String runId, long expiresEpochSecond, String signature) {

    public static final String PATH_PREFIX = "/review/";

    public String pathAndQuery() {
        return PATH_PREFIX + URLEncoder.encode(runId, StandardCharsets.UTF_8) + "?expires=" + expiresEpochSecond
                + "&sig=" + signature;
    }

    /** The full link under {@code baseUrl} (e.g. the function URL, with or without its trailing slash). */
    public String url(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + pathAndQuery();
    }

    public Instant expiresAt() {
        return Instant.ofEpochSecond(expiresEpochSecond);
    }
}
