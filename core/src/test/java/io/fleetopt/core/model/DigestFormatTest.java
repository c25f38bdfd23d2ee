package io.fleetopt.core.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DigestFormatTest {

    private static final String HEX64 = "0123456789abcdef".repeat(4);

    static Stream<Arguments> digests() {
        return Stream.of(
                Arguments.of("what PlanDigest writes", PlanDigest.ofText("a plan"), true),
                Arguments.of("sha256: and 64 lowercase hex digits", "sha256:" + HEX64, true),
                Arguments.of("uppercase hex", "sha256:" + HEX64.toUpperCase(), false),
                Arguments.of("63 digits", "sha256:" + HEX64.substring(1), false),
                Arguments.of("65 digits", "sha256:" + HEX64 + "0", false),
                Arguments.of("no prefix", HEX64, false),
                Arguments.of("another algorithm", "md5:" + HEX64, false),
                Arguments.of("empty", "", false),
                Arguments.of("none", null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("digests")
    void acceptsOnlySha256AndSixtyFourLowercaseHexDigits(String what, String digest, boolean wellFormed) {
        assertEquals(wellFormed, DigestFormat.isWellFormed(digest));
    }
}
