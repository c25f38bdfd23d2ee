package io.fleetopt.core.model;

import java.util.regex.Pattern;

/**
 * The form every digest a document carries is written in: {@code sha256:} and 64 lowercase hex digits (what
 * {@link PlanDigest} writes). One compiled pattern for every check: a plan's items file checks each line's digest.
 */
public final class DigestFormat {

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private DigestFormat() {
    }

    public static boolean isWellFormed(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }
}
