package io.fleetopt.core.port;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemsFileTest {

    private static final String PLAN_DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    private final DocumentCodec codec = new DocumentCodec();

    @AfterEach
    void close() {
        codec.close();
    }

    @Test
    void refusesToWriteALineThatIsNotAValidItemLineNamingItsNumberAndWritesNothing(@TempDir Path dir) {
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir);
        ItemLine valid = line("checkout");
        ItemLine invalid = new ItemLine(valid.schemaVersion(), valid.runId(), valid.planDigest(), "not-a-digest", null, null,
                valid.item());
        List<ItemLine> lines = List.of(line("orders-api"), line("billing-worker"), invalid, line("search-indexer"));

        InvalidDocumentException refused = assertThrows(InvalidDocumentException.class, () -> new ItemsFile(store, codec)
                .write(ArtifactKeys.items("r1"), lines));

        assertTrue(refused.getMessage().contains(store.locate(ArtifactKeys.items("r1")) + " line 3"), refused.getMessage());
        assertFalse(store.get(ArtifactKeys.items("r1")).isPresent());
    }

    @Test
    void writesOneLinePerItemAndReadsThemBackInOrder(@TempDir Path dir) {
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir);
        List<ItemLine> lines = List.of(line("orders-api"), line("billing-worker"), line("search-indexer"));

        ItemsFile.Written written = new ItemsFile(store, codec).write(ArtifactKeys.items("r1"), lines);

        assertEquals(3, written.count());
        assertEquals(lines, new ItemsFile(store, codec).read(ArtifactKeys.items("r1"), null, written.digest()));
    }

    private static ItemLine line(String functionName) {
        String arn = "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
        return ItemLine.planned("r1", PLAN_DIGEST, new Recommendation("memory-" + functionName, arn, functionName,
                RecommendationKind.MEMORY, "1024", "512", Risk.LOW, Action.APPLY, "test change", new BigDecimal("1.00"),
                List.of(), "rev-1", List.of()));
    }
}
