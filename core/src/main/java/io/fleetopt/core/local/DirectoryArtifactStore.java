package io.fleetopt.core.local;

import io.fleetopt.core.port.ArtifactStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The artifact store as a folder: each key is a file below it, written atomically through a temporary file of its own. */
public final class DirectoryArtifactStore implements ArtifactStore {

    private final Path root;

    public DirectoryArtifactStore(Path root) {
        this.root = root;
    }

    @Override
    public void put(String key, String content) {
        Path file = resolve(key);
        try {
            AtomicFiles.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    @Override
    public Optional<String> get(String key) {
        Path file = resolve(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    @Override
    public String locate(String key) {
        return resolve(key).toString();
    }

    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root.normalize())) {
            throw new IllegalArgumentException("artifact key '" + key + "' leaves the artifact folder");
        }
        return file;
    }
}
