package io.fleetopt.infra.e2e;

import io.fleetopt.infra.StageCode;
import io.fleetopt.infra.SynthesizedStack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A stage's Lambda jar indexes only the Micronaut beans a stage can use: a context loads every bean reference in its
 * jar's index at its start, so the jars leave out the index entries of Micronaut's executors and {@code @Scheduled},
 * file watch, health, discovery, {@code @Retryable}, refresh and thread-local scopes, {@code @Mapper}, graceful
 * shutdown, logging systems and HTTP codecs (the parent pom's shade filters). StageJarsRunTest runs the handlers
 * from these jars.
 */
class StageJarsBeanIndexTest {

    private static final Path REPO = SynthesizedStack.repoRoot();
    private static final List<String> LEFT_OUT = List.of("io.micronaut.scheduling.", "io.micronaut.health.",
            "io.micronaut.discovery.", "io.micronaut.retry.", "io.micronaut.runtime.context.scope.",
            "io.micronaut.runtime.beans.", "io.micronaut.runtime.graceful.", "io.micronaut.runtime.server.",
            "io.micronaut.logging.impl.", "io.micronaut.json.body.", "io.micronaut.json.codec.");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"collector", "analyzer", "applier", "notifier", StageCode.NOTIFIER_APPROVAL})
    void indexesTheStagesBeansAndNoneOfMicronautsUnusedOnes(String jarName) throws IOException {
        String module = jarName.split("-")[0];
        try (JarFile jar = new JarFile(StageCode.builtJar(REPO, jarName).toFile())) {
            List<String> indexed = jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("META-INF/micronaut/") && n.contains("Reference/"))
                    .map(n -> n.substring(n.lastIndexOf('/') + 1)).filter(n -> !n.isEmpty()).toList();
            assertEquals(List.of(), indexed.stream().filter(n -> LEFT_OUT.stream().anyMatch(n::startsWith)).toList());
            assertFalse(indexed.stream().noneMatch(n -> n.startsWith("io.fleetopt." + module + ".")), "the stage's own beans");
            assertFalse(indexed.stream().noneMatch(n -> n.startsWith("io.micronaut.serde.")), "Micronaut Serde's beans");
        }
    }
}
