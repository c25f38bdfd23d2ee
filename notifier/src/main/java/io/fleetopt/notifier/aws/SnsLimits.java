package io.fleetopt.notifier.aws;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.function.Supplier;

/**
 * What SNS accepts in a Publish: a subject of at most 100 printable ASCII characters on one line, and a message
 * of at most 256 KiB of UTF-8. Longer text is shortened here, visibly, instead of being rejected by SNS.
 */
final class SnsLimits {

    static final int MAX_SUBJECT_CHARS = 100;
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    private static final String ELLIPSIS = "...";

    private SnsLimits() {
    }

    /**
     * The subject as SNS takes it: accents dropped, dashes and quotes made ASCII, other non-ASCII and control
     * characters replaced by '?', line breaks and runs of spaces made one space; if still too long, the end is cut
     * and the "(run ...)" it ends with is kept. Null when nothing printable is left (SNS then uses its default).
     */
    static String subject(String subject, String runId) {
        String clean = printableAscii(subject == null ? "" : subject);
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.length() <= MAX_SUBJECT_CHARS) {
            return clean;
        }
        String runSuffix = " (run " + printableAscii(runId) + ")";
        String head = clean.endsWith(runSuffix) ? clean.substring(0, clean.length() - runSuffix.length()) : clean;
        int room = MAX_SUBJECT_CHARS - runSuffix.length() - ELLIPSIS.length();
        if (room < MAX_SUBJECT_CHARS / 4) {
            return clean.substring(0, MAX_SUBJECT_CHARS - ELLIPSIS.length()) + ELLIPSIS;
        }
        String cut = head.substring(0, Math.min(room, head.length()));
        int lastSpace = cut.lastIndexOf(' ');
        if (lastSpace > room / 2) {
            cut = cut.substring(0, lastSpace);
        }
        return cut.stripTrailing() + ELLIPSIS + runSuffix;
    }

    /**
     * The message as SNS takes it: unchanged when it fits; otherwise cut at a line break and ended with
     * {@code note}, all within the limit.
     */
    static String message(String body, Supplier<String> note) {
        if (utf8Bytes(body) <= MAX_MESSAGE_BYTES) {
            return body;
        }
        String ending = "\n\n" + note.get() + "\n";
        int room = MAX_MESSAGE_BYTES - utf8Bytes(ending);
        if (room <= 0) {
            throw new IllegalArgumentException("the note alone is longer than SNS's " + MAX_MESSAGE_BYTES + " bytes");
        }
        String head = utf8Prefix(body, room);
        int lastLineBreak = head.lastIndexOf('\n');
        if (lastLineBreak > head.length() / 2) {
            head = head.substring(0, lastLineBreak);
        }
        return head + ending;
    }

    static int utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String printableAscii(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                out.append(' ');
            } else if (Character.getType(c) == Character.DASH_PUNCTUATION) {
                out.append('-');
            } else if (Character.getType(c) == Character.INITIAL_QUOTE_PUNCTUATION
                    || Character.getType(c) == Character.FINAL_QUOTE_PUNCTUATION) {
                out.append('\'');
            } else if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
            } else {
                out.append('?');
            }
        });
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    /** The longest prefix of {@code text} whose UTF-8 encoding fits in {@code maxBytes}, never splitting a character. */
    private static String utf8Prefix(String text, int maxBytes) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(text);
        encoder.encode(in, ByteBuffer.allocate(maxBytes), true);
        return text.substring(0, in.position());
    }
}
