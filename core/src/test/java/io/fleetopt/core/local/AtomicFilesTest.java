package io.fleetopt.core.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void concurrentWritersEachLeaveAWholeFileAndNoTemporaryFileBehind() throws Exception {
        Path file = dir.resolve("demo-account.json");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String content = ("{\"writer\": " + i + ", \"pad\": \"" + "x".repeat(20_000) + "\"}");
                writes.add(pool.submit(() -> {
                    AtomicFiles.write(file, content);
                    String read = Files.readString(file);
                    assertTrue(read.startsWith("{\"writer\": ") && read.endsWith("\"}"), "a torn file");
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
