import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * Writes into a stage's Lambda jar, for each stage handler it serves, the classes the inits of those handlers and then
 * SnapStart's priming hook load, in the order they load them ({@code META-INF/fleetopt/preload/<Handler>.classes},
 * which {@code io.fleetopt.aws.ClassPreloading} loads on a second thread at the handler's next cold start). A stage
 * handler is a concrete {@code io.fleetopt} class extending Micronaut's {@code MicronautRequestHandler} with a public
 * no-argument constructor.
 *
 * <p>One fresh JVM on the jar, started with HotSpot's {@code -XX:DumpLoadedClassList}, runs each handler's init in turn
 * (each its own Micronaut context), with the AWS adapters as on Lambda ({@code FLEETOPT_ACCOUNT=aws}) and settings that
 * name no real resource, the endpoint {@code 127.0.0.1:9}: an init builds its SDK clients and calls no service. Then
 * the first context's SnapStart priming hook ({@code SnapStartPriming}, whose {@code beforeCheckpoint} Lambda calls before a
 * snapshot) sends one request of each operation fleetopt calls, through those clients and a client of each other
 * service the jar holds, to a responder in that JVM ({@code io.fleetopt.aws.SdkRequestPriming}), so the list holds
 * the SDK's request path too, which a first call would otherwise load. The list keeps what was loaded after this
 * program's own main class (not the JVM's start-up), leaves out this program, and is the same for every handler of
 * the jar: the union of their inits, the first handler's first (a class another handler needs is loaded, not
 * initialized, and a name not there is passed over). An init that fails here (one that reads a secret at its init,
 * which no service answers here) is named with its failure; the others go on. One JVM for the jar rather than one
 * per handler: the inits after the first find most of their classes loaded, which keeps this step a few seconds of
 * the build. infra's StageJarsClassListsTest checks that every stage function's jar has its handler's list.
 *
 * <p>Usage: {@code java tools/classlist/RecordClassLists.java LAMBDA.jar [HANDLER ...]} (JDK 21+): with handlers'
 * simple names, only those (the ones a jar serves, where it holds other handlers' classes too). Exits 2 when a named
 * handler is not a stage handler of the jar, 1 when the jar cannot be read or written or the inits' JVM fails.
 */
public final class RecordClassLists {

    private static final String LIST_FOLDER = "META-INF/fleetopt/preload/";
    private static final String HANDLER_BASE = "io.micronaut.function.aws.MicronautRequestHandler";
    private static final long INIT_LIMIT_SECONDS = 120;
    private static final String PRIMED = "RecordClassLists primed: ";
    private static final String FAILED = "RecordClassLists failed: ";

    /** The stage settings of an init as on Lambda, none of them a real resource (as tools/coldstart/run's). */
    private static final Map<String, String> LAMBDA_LIKE_ENVIRONMENT = Map.ofEntries(
            Map.entry("FLEETOPT_ACCOUNT", "aws"),
            Map.entry("AWS_REGION", "us-east-1"),
            Map.entry("AWS_ACCESS_KEY_ID", "AKIDCLASSLIST"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "classlist"),
            Map.entry("AWS_SESSION_TOKEN", "classlist"),
            Map.entry("FLEETOPT_ENDPOINT_URL", "http://127.0.0.1:9"),
            Map.entry("FLEETOPT_ARTIFACT_BUCKET", "classlist-artifacts"),
            Map.entry("FLEETOPT_LEDGER_TABLE", "classlist-ledger"),
            Map.entry("FLEETOPT_APPROVAL_TABLE", "classlist-approvals"),
            Map.entry("FLEETOPT_NOTIFIER_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:classlist"),
            Map.entry("FLEETOPT_STACK_NAME", "fleetopt"),
            Map.entry("FLEETOPT_APPROVAL_KEY_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:classlist"),
            Map.entry("FLEETOPT_APPROVAL_REVIEW_URL", "http://127.0.0.1:9/"));

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals("--inits")) {
            initAndPrime(List.of(args).subList(1, args.length));
            System.exit(0);
        }
        if (args.length < 1) {
            System.err.println("usage: java RecordClassLists.java LAMBDA.jar [HANDLER ...]");
            System.exit(2);
        }
        long started = System.nanoTime();
        Path jar = Path.of(args[0]).toAbsolutePath();
        List<String> handlers = handlers(jar);
        if (args.length > 1) {
            List<String> named = List.of(args).subList(1, args.length);
            List<String> unknown = named.stream().filter(n -> handlers.stream().noneMatch(h -> h.endsWith("." + n))).toList();
            if (!unknown.isEmpty()) {
                System.err.println("RecordClassLists: " + jar.getFileName() + " has no stage handler " + String.join(", ", unknown)
                        + "; it has " + handlers.stream().map(h -> h.substring(h.lastIndexOf('.') + 1)).toList());
                System.exit(2);
            }
            handlers.removeIf(h -> !named.contains(h.substring(h.lastIndexOf('.') + 1)));
        }
        Path work = Files.createTempDirectory("classlist");
        try {
            Path self = Path.of(RecordClassLists.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            int compiled = javax.tools.ToolProvider.getSystemJavaCompiler()
                    .run(null, null, null, "-nowarn", "-d", work.toString(), self.toString());
            if (compiled != 0) {
                throw new IllegalStateException("could not compile " + self);
            }
            removeLists(jar);
            Recorded recorded = record(jar, work, handlers);
            List<String> simpleNames = handlers.stream().map(h -> h.substring(h.lastIndexOf('.') + 1)).toList();
            Map<String, List<String>> lists = new LinkedHashMap<>();
            if (!recorded.classes().isEmpty()) {
                simpleNames.forEach(simple -> lists.put(simple, recorded.classes()));
            }
            write(jar, lists);
            System.out.printf("RecordClassLists: %s: %,d classes for %s%s%s; %.1f s%n", jar.getFileName(), recorded.classes().size(),
                    String.join(", ", simpleNames), recorded.primed() == null ? "" : " (" + recorded.primed() + ")",
                    recorded.problems().isEmpty() ? "" : "; " + String.join("; ", recorded.problems()),
                    (System.nanoTime() - started) / 1e9);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The list, what the priming did, and each init that failed ("Handler's init failed: cause"). */
    private record Recorded(List<String> classes, String primed, List<String> problems) {
    }

    /**
     * In the child JVM: each handler's init in turn (each its own Micronaut context, as in its own function), then the
     * first context's SnapStart priming hook, which Lambda runs before a snapshot (a JVM without CRaC keeps no registration
     * with CRaC's global context, so the hook is called directly). An init that fails is said and the others go on.
     */
    private static void initAndPrime(List<String> handlers) throws Exception {
        List<Object> contexts = new ArrayList<>();
        for (String handler : handlers) {
            try {
                Object made = Class.forName(handler).getConstructor().newInstance();
                contexts.add(made.getClass().getMethod("getApplicationContext").invoke(made));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                String message = cause.getClass().getSimpleName() + ": " + String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").strip();
                System.out.println(FAILED + handler.substring(handler.lastIndexOf('.') + 1) + "'s init failed: "
                        + (message.length() > 160 ? message.substring(0, 157) + "..." : message));
            }
        }
        if (contexts.isEmpty()) {
            return;
        }
        // one context's hook loads what every context's would: it primes every service the jar has a client of
        Class<?> priming = Class.forName("io.fleetopt.aws.telemetry.SnapStartPriming");
        Object hook = contexts.get(0).getClass().getMethod("getBean", Class.class).invoke(contexts.get(0), priming);
        priming.getMethod("beforeCheckpoint", Class.forName("org.crac.Context")).invoke(hook, new Object[] {null});
        Object sdk = priming.getMethod("sdkPriming").invoke(hook);
        if (sdk != null) {
            List<?> failed = (List<?>) sdk.getClass().getMethod("failed").invoke(sdk);
            List<?> leftOut = (List<?>) sdk.getClass().getMethod("leftOut").invoke(sdk);
            System.out.println(PRIMED + sdk.getClass().getMethod("answered").invoke(sdk) + " requests primed"
                    + (leftOut.isEmpty() ? "" : ", " + leftOut.size() + " operations not in this jar")
                    + (failed.isEmpty() ? "" : ", " + failed.size() + " failed, the first " + failed.get(0)));
        }
    }

    private static List<String> handlers(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile());
             URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> base = Class.forName(HANDLER_BASE, false, loader);
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                String entry = entries.nextElement().getName();
                if (!entry.startsWith("io/fleetopt/") || !entry.endsWith("Handler.class")) {
                    continue;
                }
                Class<?> type = Class.forName(entry.replace('/', '.').replace(".class", ""), false, loader);
                if (base.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers()) && Modifier.isPublic(type.getModifiers())
                        && hasPublicNoArgumentConstructor(type)) {
                    names.add(type.getName());
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(jar + " has no " + HANDLER_BASE + ": not a stage's Lambda jar", e);
        }
        Collections.sort(names);
        return names;
    }

    private static boolean hasPublicNoArgumentConstructor(Class<?> type) {
        try {
            return Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Recorded record(Path jar, Path work, List<String> handlers) throws IOException, InterruptedException {
        Path dump = work.resolve("classes.dump");
        Path log = work.resolve("inits.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:DumpLoadedClassList=" + dump, "-cp", jar + java.io.File.pathSeparator + work,
                RecordClassLists.class.getName(), "--inits"));
        command.addAll(handlers);
        ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = child.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("FLEETOPT_"));
        environment.putAll(LAMBDA_LIKE_ENVIRONMENT);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "fleetopt-classlist");
        environment.put("FLEETOPT_STAGE", "classlist");
        Process process = child.start();
        if (!process.waitFor(INIT_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the inits took over " + INIT_LIMIT_SECONDS + " s:\n" + Files.readString(log));
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the inits' JVM exited with " + process.exitValue() + ":\n" + String.join("\n", lines));
        }
        String primed = lines.stream().filter(line -> line.startsWith(PRIMED)).map(line -> line.substring(PRIMED.length()))
                .findFirst().orElse(null);
        List<String> problems = lines.stream().filter(line -> line.startsWith(FAILED)).map(line -> line.substring(FAILED.length()))
                .toList();
        return new Recorded(Files.exists(dump) ? classesAfterMain(dump) : List.of(), primed, problems);
    }

    /** The dump's class names after this program's main class was loaded, in order, without this program's own. */
    private static List<String> classesAfterMain(Path dump) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        boolean afterMain = false;
        for (String line : Files.readAllLines(dump, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("@")) {
                continue;
            }
            String name = line.substring(0, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' ')).replace('/', '.');
            if (name.equals(RecordClassLists.class.getName())) {
                afterMain = true;
            } else if (afterMain && !name.startsWith(RecordClassLists.class.getName() + "$")) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** Lists of an earlier recording would be preloaded by the inits recorded now, and so recorded again. */
    private static void removeLists(Path jar) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(jar); var lists = Files.walk(zip.getPath(LIST_FOLDER))) {
            for (Path list : lists.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(list);
            }
        } catch (java.nio.file.NoSuchFileException none) {
            // a jar as shaded has none
        }
    }

    private static void write(Path jar, Map<String, List<String>> lists) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Path folder = zip.getPath(LIST_FOLDER);
            Files.createDirectories(folder);
            for (Map.Entry<String, List<String>> list : lists.entrySet()) {
                Files.writeString(folder.resolve(list.getKey() + ".classes"), "# " + list.getKey()
                        + "'s list (the inits of this jar's handlers and SnapStart's priming), recorded by tools/classlist/RecordClassLists when this jar was built\n"
                        + String.join("\n", list.getValue()) + "\n", StandardCharsets.UTF_8);
            }
        }
    }
}
