package io.fleetopt.infra;

import software.amazon.awscdk.services.lambda.Code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where each stage module's shaded Lambda jar comes from. */
@FunctionalInterface
public interface StageCode {

    Code of(String module);

    /** The jars Maven builds: {@code <repo>/<module>/target/fleetopt-<module>-<version>-lambda.jar} (the newest). */
    static StageCode builtJars(Path repoRoot) {
        return module -> {
            Path target = repoRoot.resolve(module).resolve("target");
            List<Path> jars;
            try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
                jars = files.filter(f -> f.getFileName().toString().matches("fleetopt-" + module + "-.+-lambda\\.jar"))
                        .sorted(Comparator.comparing(StageCode::modified).reversed()).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("could not list " + target, e);
            }
            if (jars.isEmpty()) {
                throw new IllegalStateException("no fleetopt-" + module + "-<version>-lambda.jar in " + target
                        + ": build the stage jars first (infra/bin/build)");
            }
            return Code.fromAsset(jars.get(0).toString());
        };
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
