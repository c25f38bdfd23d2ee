package io.fleetopt.infra.e2e;

import io.fleetopt.aws.ClassPreloading;
import io.fleetopt.infra.FleetoptStack;
import io.fleetopt.infra.StageCode;
import io.fleetopt.infra.StageFunction;
import io.fleetopt.infra.SynthesizedStack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function the stack deploys finds its handler's class list in its jar (tools/classlist/RecordClassLists wrote
 * it when the jar was built; aws ClassPreloading loads it at the handler's cold start): the list holds the handler's
 * init (its own class, the Micronaut context, the SDK client builder), and every class it names from the jar's own
 * libraries is in the jar (a list written from another build, or left stale, would name classes that are gone); and,
 * after the init, what SnapStart's priming hook loads (the SDK's request path, through each client).
 */
class StageJarsClassListsTest {

    private static final Path REPO = SynthesizedStack.repoRoot();
    /**
     * Loaded when a request is sent: by SnapStart's priming hook, which RecordClassLists runs after the inits of a jar's
     * handlers (a jar's list is theirs together, so it is there for RequestApproval and the review endpoint too, whose
     * inits fail where the lists are recorded: they read the review-link key, which nothing answers there).
     */
    private static final String SENDING = "software.amazon.awssdk.core.internal.http.pipeline.stages.SigningStage";

    static Stream<StageFunction> deployedFunctions() {
        List<StageFunction> functions = new ArrayList<>(FleetoptStack.allFunctions().stream()
                .filter(f -> !f.handlerClass().equals("-")).toList());
        functions.add(new StageFunction("ReviewEndpoint", "notifier", "io.fleetopt.notifier.ReviewEndpointHandler", 1024, 30,
                List.of(), StageCode.NOTIFIER_APPROVAL));
        return functions.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployedFunctions")
    void theFunctionsJarHoldsItsHandlersInitClassList(StageFunction function) throws IOException {
        String simpleName = function.handlerClass().substring(function.handlerClass().lastIndexOf('.') + 1);
        try (JarFile jar = new JarFile(StageCode.builtJar(REPO, function.jar()).toFile())) {
            JarEntry entry = jar.getJarEntry(ClassPreloading.LIST_FOLDER + simpleName + ClassPreloading.LIST_SUFFIX);
            assertNotNull(entry, function.jar() + " has no class list for " + simpleName);
            List<String> names;
            try (InputStream in = jar.getInputStream(entry)) {
                names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            }
            for (String expected : List.of(function.handlerClass(), "io.micronaut.context.DefaultApplicationContext",
                    "software.amazon.awssdk.core.client.builder.SdkDefaultClientBuilder")) {
                assertTrue(names.contains(expected), simpleName + "'s list loads " + expected);
            }
            assertTrue(names.contains(SENDING), simpleName + "'s list holds the SDK's request path from the priming hook: " + SENDING);
            List<String> notInJar = names.stream()
                    .filter(name -> name.startsWith("io.fleetopt.") || name.startsWith("io.micronaut.") || name.startsWith("software.amazon."))
                    .filter(name -> jar.getJarEntry(name.replace('.', '/') + ".class") == null).toList();
            assertEquals(List.of(), notInJar, simpleName + "'s list names only classes of its jar");
        }
    }
}
