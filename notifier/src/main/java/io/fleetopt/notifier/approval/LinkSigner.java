package io.fleetopt.notifier.approval;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs and checks review links and the review page's CSRF tokens with one HMAC-SHA256 key (the stack's secret
 * on AWS, a 0600 key file locally). A link names its run and its expiry; changing either breaks its signature.
 * A CSRF token is a fresh nonce per rendered page, bound to the run and to the digest of the plan the page shows.
 */
public final class LinkSigner {

    static final int MIN_KEY_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    public LinkSigner(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the review link key has " + key.length + " bytes; it needs at least "
                    + MIN_KEY_BYTES);
        }
        this.key = key.clone();
    }

    /** The link to the review page of {@code runId}, valid until {@code expiresAt}. */
    public ReviewLink link(String runId, Instant expiresAt) {
        return new ReviewLink(runId, expiresAt.getEpochSecond(), mac("review|" + runId + "|" + expiresAt.getEpochSecond()));
    }

    /** Whether {@code signature} is this key's signature of the run and expiry (constant time). */
    public boolean isSigned(String runId, long expiresEpochSecond, String signature) {
        return signature != null && same(mac("review|" + runId + "|" + expiresEpochSecond), signature);
    }

    /** A new token for one rendering of the review page of {@code runId} showing the plan with {@code planDigest}. */
    public String csrfToken(String runId, String planDigest) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String n = BASE64URL.encodeToString(nonce);
        return n + "." + mac("csrf|" + runId + "|" + planDigest + "|" + n);
    }

    /** Whether {@code token} came from a page of {@code runId} that showed the plan with {@code planDigest}. */
    public boolean isCsrfToken(String token, String runId, String planDigest) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        return same(mac("csrf|" + runId + "|" + planDigest + "|" + token.substring(0, dot)), token.substring(dot + 1));
    }

    private String mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return BASE64URL.encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no HmacSHA256", e);
        }
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
