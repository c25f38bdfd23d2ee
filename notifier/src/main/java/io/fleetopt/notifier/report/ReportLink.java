package io.fleetopt.notifier.report;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where a reader opens the report: a link, and until when it works ({@code expiresAt}, null: it does not expire).
 * {@code expiryIsCredentialBound} says the link is signed with temporary credentials whose own end is unknown, so
 * it may stop working earlier; {@code storedAt} is where the report stays after the link has expired.
 */
public record ReportLink(String url, @Nullable Instant expiresAt, boolean expiryIsCredentialBound, String storedAt) {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public static ReportLink permanent(String location) {
        return new ReportLink(location, null, false, location);
    }

    /** The lines the summary email carries. */
    public String text() {
        StringBuilder out = new StringBuilder("The weekly savings report (HTML; Markdown and JSON beside it):\n  ").append(url).append('\n');
        if (expiresAt != null) {
            out.append("This link works until ").append(AT.format(expiresAt));
            if (expiryIsCredentialBound) {
                out.append(" at the latest: it is signed with fleetopt's temporary role credentials and stops working when they "
                        + "expire, which can be sooner");
            }
            out.append(". The report stays at ").append(storedAt).append(".\n");
        }
        return out.toString();
    }
}
