package io.fleetopt.core.port;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.PlanDigest;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's items as JSON Lines in the artifact store: one compact {@link ItemLine} per line, the format the state
 * machine's Distributed Map reads (ItemReader, InputType JSONL). Read strictly: a line that is not a valid
 * ItemLine is named by its number, and a file whose digest is not the one expected is refused whole.
 */
public final class ItemsFile {

    /** What was written: where, the digest of its bytes, the store's version of it, and how many lines. */
    public record Written(String key, String digest, @Nullable String versionId, int count) {
    }

    private final ArtifactStore store;
    private final DocumentCodec codec;

    public ItemsFile(ArtifactStore store, DocumentCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    public Written write(String key, List<ItemLine> lines) {
        StringBuilder text = new StringBuilder();
        String location = store.locate(key);
        int number = 0;
        for (ItemLine line : lines) {
            codec.validate(line, location + " line " + ++number);
            text.append(codec.writeLine(line)).append('\n');
        }
        String content = text.toString();
        String version = store.putVersioned(key, content).orElse(null);
        return new Written(key, PlanDigest.ofText(content), version, lines.size());
    }

    /**
     * The lines of {@code key} (at {@code versionId} when given); with {@code expectedDigest}, the file must be byte
     * for byte the one that was written, or nothing is returned but the reason.
     */
    public List<ItemLine> read(String key, @Nullable String versionId, @Nullable String expectedDigest) {
        String source = store.locate(key) + (versionId == null ? "" : " (version " + versionId + ")");
        String content = store.get(key, versionId).orElseThrow(() -> new InvalidDocumentException(source + " does not exist"));
        if (expectedDigest != null && !expectedDigest.equals(PlanDigest.ofText(content))) {
            throw new InvalidDocumentException(source + ": its digest is " + PlanDigest.ofText(content) + ", but the "
                    + "decision recorded " + expectedDigest + ": the items changed after they were approved (nothing was applied)");
        }
        List<ItemLine> lines = new ArrayList<>();
        String[] texts = content.split("\n", -1);
        for (int i = 0; i < texts.length; i++) {
            if (texts[i].isBlank()) {
                continue;
            }
            lines.add(codec.read(texts[i], ItemLine.class, source + " line " + (i + 1)));
        }
        return List.copyOf(lines);
    }
}
