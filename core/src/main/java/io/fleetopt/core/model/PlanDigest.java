package io.fleetopt.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fleetopt.core.json.DocumentCodec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a plan's canonical JSON (records serialize their fields in declaration order), written
 * {@code sha256:<hex>}. Two plans with the same digest are the same plan, whatever whitespace the files had.
 * The plan goes through one write and read first, so a plan built in code (a saving of {@code 1.00}) and the
 * same plan read back from its file (where numbers come back in the reader's form) have one digest.
 */
public final class PlanDigest {

    private static final DocumentCodec CODEC = new DocumentCodec();
    private static final JsonFactory JSON = new JsonFactory();

    private PlanDigest() {
    }

    private static String canonical(Plan plan) {
        return CODEC.writeLine(CODEC.read(CODEC.writeLine(plan), Plan.class, "plan " + plan.runId()));
    }

    public static String of(Plan plan) {
        return sha256(canonical(plan));
    }

    /**
     * The digest of a run index: the plan an approver of a run over member accounts decides on. Its entries carry
     * their plans' digests, so a target's plan changed afterwards no longer matches the approved index.
     */
    public static String ofIndex(RunIndex index) {
        return sha256(CODEC.writeLine(CODEC.read(CODEC.writeLine(index), RunIndex.class, "run index " + index.runId())));
    }

    /**
     * The digest of one item: an item edited in its line no longer has its digest. Its numbers are taken by value
     * ({@code 1018.80} and {@code 1018.8} are one number), because a line travels through Step Functions' JSON, which
     * keeps a number's value, not how it was written.
     */
    public static String ofItem(Recommendation item) {
        return sha256(numbersByValue(CODEC.writeLine(item)));
    }

    private static String numbersByValue(String json) {
        try (JsonParser parser = JSON.createParser(json); java.io.StringWriter out = new java.io.StringWriter();
             JsonGenerator generator = JSON.createGenerator(out)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                    generator.writeNumber(new java.math.BigDecimal(parser.getText()).stripTrailingZeros().toPlainString());
                } else {
                    generator.copyCurrentEvent(parser);
                }
            }
            generator.flush();
            return out.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not read an item's JSON back", e);
        }
    }

    /** The digest of a text as stored (the bytes of an items file). */
    public static String ofText(String text) {
        return sha256(text);
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
