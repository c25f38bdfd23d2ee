package io.fleetopt.notifier.approval;

import java.util.LinkedHashMap;
import java.util.Map;

/** The review endpoint's answer: a status and a complete HTML page, with the headers every page carries. */
public record HttpAnswer(int status, String html) {

    /**
     * No caching (a decision page must not be replayed from a cache), no referrer (the link is the credential),
     * no frames, and nothing loaded from anywhere: the pages carry their own CSS and no script.
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'");
        return headers;
    }
}
