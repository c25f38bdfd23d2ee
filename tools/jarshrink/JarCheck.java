import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.constantpool.ClassEntry;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Proves that a jar {@code JarShrink} shrank still holds every class its classes need, in this fresh JVM. Every
 * class left in it is loaded ({@code Class.forName(name, false, loader)}: the class, its superclasses and
 * interfaces), and every class left that names a class left out is verified as the JVM verifies it before its
 * first use (the JDK's class-file verifier, {@link ClassFile#verify}, resolving types from the jar). That covers
 * every failure the shrink can cause: the verifier resolves only the classes a class names in its constant pool,
 * so a class that names none left out links as it did before (with {@code --verify-all}, every class is verified).
 * Where the jar as shaded fails the same way (code for optional libraries the stage does not ship, such as the
 * SDK's CRT or Apache client paths), the failure is not the shrink's: only failures the shaded jar does not have
 * fail the check.
 *
 * <p>Usage: {@code java tools/jarshrink/JarCheck.java SHRUNK.jar UNSHRUNK.jar [--verify-all]} (JDK 24+: the
 * class-file API). Exits 1, listing each class and what it lacks, when a class fails only in the shrunk jar.
 */
public final class JarCheck {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java JarCheck.java SHRUNK.jar UNSHRUNK.jar [--verify-all]");
            System.exit(2);
        }
        long started = System.nanoTime();
        Path shrunk = Path.of(args[0]);
        Path unshrunk = Path.of(args[1]);
        boolean verifyAll = args.length > 2 && args[2].equals("--verify-all");
        Set<String> leftOut = classes(unshrunk);
        leftOut.removeAll(classes(shrunk));
        Result after = check(shrunk, null, verifyAll ? null : leftOut);
        Map<String, String> before = after.failures.isEmpty() ? Map.of()
                : check(unshrunk, after.failures.keySet(), null).failures;
        List<String> introduced = new ArrayList<>();
        after.failures.forEach((name, problem) -> {
            if (!before.containsKey(name)) {
                introduced.add(name + ": " + problem);
            }
        });
        System.out.printf("JarCheck: %s: %,d classes loaded, %,d verified (%,d left out); %d fail as in the unshrunk jar, "
                        + "%d only after shrinking, %.1f s%n", shrunk.getFileName(), after.loaded, after.verified,
                leftOut.size(), after.failures.size() - introduced.size(), introduced.size(), (System.nanoTime() - started) / 1e9);
        if (!introduced.isEmpty()) {
            System.err.println("JarCheck: the shrunk jar lacks classes these need (JarShrink left them out):");
            introduced.stream().limit(50).forEach(line -> System.err.println("  " + line));
            System.exit(1);
        }
    }

    record Result(Map<String, String> failures, int loaded, int verified) {
    }

    /**
     * Loads each class of the jar (or only those named), and verifies those that name a class in {@code verifyNaming}
     * (null: all); each that does not load or verify, with why.
     */
    static Result check(Path jar, Set<String> only, Set<String> verifyNaming) throws Exception {
        Map<String, String> failures = new TreeMap<>();
        int loaded = 0;
        int verified = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
             ZipFile zip = new ZipFile(jar.toFile())) {
            ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(loader)).cached()));
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = className(entry.getName());
                if (name == null || (only != null && !only.contains(name))) {
                    continue;
                }
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (LinkageError | ClassNotFoundException e) {
                    failures.put(name, "does not load: " + e);
                    continue;
                }
                byte[] bytes;
                try (var in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                try {
                    if (verifyNaming == null || namesAny(classFile, bytes, verifyNaming)) {
                        verified++;
                        List<VerifyError> errors = classFile.verify(bytes);
                        if (!errors.isEmpty()) {
                            failures.put(name, "does not verify: " + errors.get(0).getMessage());
                        }
                    }
                } catch (RuntimeException e) {
                    failures.put(name, "does not verify: " + e);
                }
            }
        }
        return new Result(failures, loaded, verified);
    }

    private static boolean namesAny(ClassFile classFile, byte[] bytes, Set<String> classes) {
        for (var constant : classFile.parse(bytes).constantPool()) {
            if (constant instanceof ClassEntry c && classes.contains(c.asInternalName().replace('/', '.'))) {
                return true;
            }
        }
        return false;
    }

    /** The classes of a jar, by binary name. */
    static Set<String> classes(Path jar) throws Exception {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(e -> className(e.getName())).filter(n -> n != null).forEach(names::add);
        }
        return names;
    }

    private static String className(String path) {
        if (!path.endsWith(".class") || path.startsWith("META-INF/") || path.endsWith("module-info.class")
                || path.endsWith("package-info.class")) {
            return null;
        }
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
