package io.fleetopt.infra;

import software.amazon.awscdk.services.lambda.Code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where each stage's shaded Lambda jar comes from, by jar name: a module's name for its jar
 * ({@code fleetopt-<module>-<version>-lambda.jar}), or {@code <module>-<group>} for a module that builds one jar per
 * group of its functions ({@code fleetopt-<module>-<version>-lambda-<group>.jar}): the notifier's approval side is
 * {@link #NOTIFIER_APPROVAL}.
 */
@FunctionalInterface
public interface StageCode {

    /** The notifier's approval jar (notifier/pom.xml): RequestApproval, the review endpoint, NotifyRejected, NotifyExpired. */
    String NOTIFIER_APPROVAL = "notifier-approval";

    Code of(String jar);

    /** The jars Maven builds, each the newest of its name in {@code <repo>/<module>/target}. */
    static StageCode builtJars(Path repoRoot) {
        return jar -> Code.fromAsset(builtJar(repoRoot, jar).toString());
    }

    /** The newest {@code fleetopt-<module>-<version>-lambda[-<group>].jar} of the jar name {@code <module>[-<group>]}. */
    static Path builtJar(Path repoRoot, String jar) {
        int dash = jar.indexOf('-');
        String module = dash < 0 ? jar : jar.substring(0, dash);
        String suffix = dash < 0 ? "-lambda.jar" : "-lambda-" + jar.substring(dash + 1) + ".jar";
        Path target = repoRoot.resolve(module).resolve("target");
        List<Path> jars;
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(f -> f.getFileName().toString().startsWith("fleetopt-" + module + "-")
                            && f.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(StageCode::modified).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + target, e);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no fleetopt-" + module + "-<version>" + suffix + " in " + target
                    + ": build the stage jars first (infra/bin/build)");
        }
        return jars.get(0);
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
