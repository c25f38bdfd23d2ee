package io.fleetopt.notifier.approval;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkSignerTest {

    private static final LinkSigner SIGNER = new LinkSigner("the-test-key-for-review-links-0123456789".getBytes());
    private static final LinkSigner OTHER_KEY = new LinkSigner("another-key-for-review-links-9876543210".getBytes());

    @Provide
    Arbitrary<String> runIds() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_").ofMinLength(1).ofMaxLength(80);
    }

    @Property
    void aLinkIsSignedForItsOwnRunAndExpiryOnly(@ForAll("runIds") String runId, @ForAll("runIds") String otherRun,
                                                 @ForAll @LongRange(min = 0, max = 99_999_999_999L) long expires,
                                                 @ForAll @LongRange(min = 1, max = 1_000_000) long shift) {
        ReviewLink link = SIGNER.link(runId, Instant.ofEpochSecond(expires));

        assertTrue(SIGNER.isSigned(runId, expires, link.signature()));
        assertFalse(SIGNER.isSigned(runId, expires + shift, link.signature()), "a later expiry");
        assertFalse(SIGNER.isSigned(runId, expires - shift, link.signature()), "an earlier expiry");
        if (!runId.equals(otherRun)) {
            assertFalse(SIGNER.isSigned(otherRun, expires, link.signature()), "another run");
        }
        assertFalse(OTHER_KEY.isSigned(runId, expires, link.signature()), "another key");
    }

    @Property
    void changingAnyCharacterOfTheSignatureBreaksIt(@ForAll("runIds") String runId, @ForAll @LongRange(min = 0, max = 4_000_000_000L) long expires,
                                                    @ForAll @LongRange(min = 0, max = 42) long position) {
        String signature = SIGNER.link(runId, Instant.ofEpochSecond(expires)).signature();
        int at = (int) (position % signature.length());
        char replaced = signature.charAt(at) == 'A' ? 'B' : 'A';
        String tampered = signature.substring(0, at) + replaced + signature.substring(at + 1);

        assertFalse(SIGNER.isSigned(runId, expires, tampered));
        assertFalse(SIGNER.isSigned(runId, expires, signature.substring(0, signature.length() - 1)), "cut short");
    }

    @Property
    void aCsrfTokenIsGoodForItsRunAndPlanOnlyAndEachPageGetsANewOne(@ForAll("runIds") String runId, @ForAll("runIds") String otherRun) {
        String digest = "sha256:" + "ab".repeat(32);
        String token = SIGNER.csrfToken(runId, digest);

        assertTrue(SIGNER.isCsrfToken(token, runId, digest));
        assertFalse(SIGNER.isCsrfToken(token, runId, "sha256:" + "cd".repeat(32)), "another plan");
        if (!runId.equals(otherRun)) {
            assertFalse(SIGNER.isCsrfToken(token, otherRun, digest), "another run");
        }
        assertFalse(OTHER_KEY.isCsrfToken(token, runId, digest), "another key");
        assertFalse(token.equals(SIGNER.csrfToken(runId, digest)), "a fresh nonce per page");
    }

    @Test
    void malformedTokensAreRefused() {
        for (String bad : new String[] {null, "", ".", "nodot", ".sig", "nonce."}) {
            assertFalse(SIGNER.isCsrfToken(bad, "r", "sha256:x"), String.valueOf(bad));
        }
        assertFalse(SIGNER.isSigned("r", 1, null));
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LinkSigner(new byte[31]));
        assertTrue(e.getMessage().contains("at least 32"), e.getMessage());
    }
}
