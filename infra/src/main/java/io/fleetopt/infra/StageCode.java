package io.fleetopt.infra;

import software.amazon.awscdk.services.lambda.Code;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where each stage module's shaded Lambda jar comes from. */
@FunctionalInterface
public interface StageCode {

    Code of(String module);

    /** The jars Maven builds: {@code <repo>/<module>/target/fleetopt-<module>-<version>-lambda.jar}. */
    static StageCode builtJars(Path repoRoot, String version) {
        return module -> {
            Path jar = repoRoot.resolve(module).resolve("target").resolve("fleetopt-" + module + "-" + version + "-lambda.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " does not exist: build the stage jars first "
                        + "(./mvnw -B -q -pl collector,analyzer,applier,notifier -am package -DskipTests)");
            }
            return Code.fromAsset(jar.toString());
        };
    }
}
