package io.fleetopt.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The runs in the state folder's artifacts: one folder per run under {@code runs/}, the file times as written. */
record FolderRuns(Path artifacts) implements StoredRuns {

    @Override
    public Optional<String> latestWith(UnaryOperator<String> keyOfRun) {
        Path runs = artifacts.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .map(run -> new Written(run, artifacts.resolve(keyOfRun.apply(run))))
                    .filter(w -> Files.isRegularFile(w.file()))
                    .max(Comparator.comparing((Written w) -> modified(w.file())).thenComparing(w -> w.file().toString()))
                    .map(Written::run);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the runs in " + runs, e);
        }
    }

    @Override
    public java.util.List<String> keysUnder(String prefix) {
        Path dir = artifacts.resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> prefix + f.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    private record Written(String run, Path file) {
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the time of " + file, e);
        }
    }
}
