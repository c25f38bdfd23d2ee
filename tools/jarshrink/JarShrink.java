import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Shrinks a stage's shaded Lambda jar in place by leaving out the AWS SDK model classes nothing in it can reach: the
 * shapes (and their builders) that only operations the stage never calls refer to. Only classes of the SDK's
 * {@code software/amazon/awssdk/services/<service>/model/} packages are ever removed; every other entry stays.
 *
 * <p>What stays in the model packages:
 * <ul>
 *   <li>every operation's top-level request and response class (the {@code Default*Client} refers to them all, and
 *       the verifier loads them when it checks that client),</li>
 *   <li>every exception class and its inner classes,</li>
 *   <li>every class reachable from what stays, through the class names in its constant pool (descriptors,
 *       signatures, class constants and strings: a class named in a string is reachable too), and from the names in
 *       the jar's other entries ({@code META-INF/services}, Micronaut's metadata). An operation is <em>called</em> when
 *       a class outside its service's client plumbing ({@code *Client}, {@code Default*Client}, {@code transform},
 *       {@code paginators}, {@code waiters}) names its request or response, or the request and response of an
 *       operation called name it: what a called operation's classes reach is kept in full. The classes of an
 *       operation never called are kept where something names them, but what they name is not followed.</li>
 * </ul>
 * Checked by {@code JarCheck} (every class left loads and verifies in a fresh JVM) and by infra's
 * {@code StageJarsRunTest} (each stage's handlers run from their jars against moto's server).
 *
 * <p>Usage: {@code java tools/jarshrink/JarShrink.java JAR}: rewrites JAR, prints what it removed.
 */
public final class JarShrink {

    private static final Pattern MODEL_CLASS =
            Pattern.compile("software/amazon/awssdk/services/([^/]+)/model/([^/]+)\\.class");
    private static final Pattern PAGINATOR =
            Pattern.compile("software/amazon/awssdk/services/([^/]+)/paginators/([^/$]+)Iterable(\\$[^/]*)?\\.class");
    private static final Pattern MARSHALLER =
            Pattern.compile("software/amazon/awssdk/services/([^/]+)/transform/([^/$]+)RequestMarshaller(\\$[^/]*)?\\.class");
    private static final Pattern PLUMBING = Pattern.compile(
            "software/amazon/awssdk/services/[^/]+/(?:[^/$]*Client(?:\\$.*)?|transform/.*|waiters/.*)\\.class");

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java JarShrink.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        long started = System.nanoTime();
        long sizeBefore = Files.size(jar);
        Map<String, Long> times = new LinkedHashMap<>();
        Map<String, byte[]> entries = read(jar, times);
        if (entries.containsKey(RECORD)) {
            System.out.printf("JarShrink: %s is shrunk already (%s)%n", jar.getFileName(), RECORD);
            return;
        }
        long read = System.nanoTime();
        JarShrink shrink = new JarShrink(entries);
        Set<String> removed = shrink.unreachableModelClasses();
        long graph = System.nanoTime();
        // the jar as shaded, beside it: what JarCheck compares the shrunk jar with
        Path unshrunk = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".unshrunk.jar");
        Files.copy(jar, unshrunk, StandardCopyOption.REPLACE_EXISTING);
        StringBuilder record = new StringBuilder("# JarShrink (tools/jarshrink): the operations this jar's code calls, then the entries left out\n");
        shrink.calledFamilies.forEach(f -> record.append("called ").append(f).append('\n'));
        removed.stream().sorted().forEach(r -> record.append("removed ").append(r).append('\n'));
        entries.put(RECORD, record.toString().getBytes(StandardCharsets.UTF_8));
        times.put(RECORD, times.getOrDefault("META-INF/MANIFEST.MF", 0L));
        Path shrunk = jar.resolveSibling(jar.getFileName() + ".shrinking");
        write(entries, times, removed, shrunk);
        Files.move(shrunk, jar, StandardCopyOption.REPLACE_EXISTING);
        long done = System.nanoTime();
        System.out.printf("JarShrink: %s: %,d -> %,d bytes, %,d of %,d entries left out (AWS SDK classes of operations it never calls), "
                        + "%d operations called; %.1f s (read %.1f, reachability %.1f, write %.1f)%n", jar.getFileName(), sizeBefore,
                Files.size(jar), removed.size(), entries.size() - 1, shrink.calledFamilies.size(), (done - started) / 1e9,
                (read - started) / 1e9, (graph - read) / 1e9, (done - graph) / 1e9);
    }

    /** The entry that records what was left out, and marks the jar as shrunk. */
    static final String RECORD = "META-INF/fleetopt-jarshrink.txt";

    private final Map<String, byte[]> entries;
    /** Class name (internal form) -> entry name, for every class in the jar. */
    private final Map<String, String> classes = new LinkedHashMap<>();

    JarShrink(Map<String, byte[]> entries) {
        this.entries = entries;
        for (String name : entries.keySet()) {
            if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                classes.put(name.substring(0, name.length() - ".class".length()), name);
            }
        }
    }

    /** The operations the jar's code calls ({@code service/Operation}), found by {@link #unreachableModelClasses}. */
    final Set<String> calledFamilies = new java.util.TreeSet<>();

    Set<String> unreachableModelClasses() {
        // 1. the operations called: their response or paginator, or their request's builder, is named by a class
        //    reached without passing through a service's client plumbing or another operation's classes
        Set<String> seen = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (String entry : entries.keySet()) {
            if (!isRemovable(entry) && operationFamily(entry) == null && !PLUMBING.matcher(entry).matches()) {
                work.add(entry);
            }
        }
        work.addAll(modelRoots(false));
        seen.addAll(work);
        while (!work.isEmpty()) {
            String entry = work.removeFirst();
            for (String next : references(entry)) {
                String family = operationFamily(next);
                if (family != null) {
                    if (callsOperation(next)) {
                        calledFamilies.add(family);
                    }
                } else if (!PLUMBING.matcher(next).matches() && seen.add(next)) {
                    work.add(next);
                }
            }
        }
        // 2. what stays: everything reachable from every entry but model classes, not through uncalled operations
        Set<String> kept = new HashSet<>();
        for (String entry : entries.keySet()) {
            if (!isRemovable(entry)) {
                work.add(entry);
            }
        }
        work.addAll(modelRoots(true));
        kept.addAll(work);
        while (!work.isEmpty()) {
            String entry = work.removeFirst();
            String family = operationFamily(entry);
            if (family != null && !calledFamilies.contains(family)) {
                continue;
            }
            for (String next : references(entry)) {
                String nextFamily = operationFamily(next);
                boolean uncalled = nextFamily != null && !calledFamilies.contains(nextFamily);
                if (uncalled && !keptUncalled(next)) {
                    continue; // what only an operation never called runs: its marshaller, builder implementation, inner classes
                }
                if (kept.add(next)) {
                    work.add(next);
                }
            }
        }
        Set<String> removed = new HashSet<>();
        for (String entry : entries.keySet()) {
            if (isRemovable(entry) && !kept.contains(entry)) {
                removed.add(entry);
            }
        }
        return removed;
    }

    /** The model classes that always stay: every exception, and (withOperations) every operation's request and response. */
    private List<String> modelRoots(boolean withOperations) {
        List<String> roots = new ArrayList<>();
        for (String entry : entries.keySet()) {
            Matcher m = MODEL_CLASS.matcher(entry);
            if (m.matches()) {
                String simple = m.group(2);
                String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
                if (outer.endsWith("Exception") || (withOperations && !simple.contains("$") && operationFamily(entry) != null)) {
                    roots.add(entry);
                }
            }
        }
        return roots;
    }

    /** Only model classes and operations' request marshallers and paginators are ever left out. */
    private static boolean isRemovable(String entry) {
        return isModel(entry) || MARSHALLER.matcher(entry).matches() || PAGINATOR.matcher(entry).matches();
    }

    private static boolean isModel(String entry) {
        return MODEL_CLASS.matcher(entry).matches();
    }

    /**
     * For a model class of an operation (its request or response, or their inner classes), the operation's
     * key ({@code service/Name}); null for shapes, exceptions and the service's base request and response.
     */
    private String operationFamily(String entry) {
        return families.computeIfAbsent(entry, e -> Optional.ofNullable(familyOf(e))).orElse(null);
    }

    private String familyOf(String entry) {
        Matcher p = PAGINATOR.matcher(entry);
        if (p.matches()) {
            return p.group(1) + "/" + p.group(2);
        }
        Matcher marshaller = MARSHALLER.matcher(entry);
        if (marshaller.matches()) {
            return marshaller.group(1) + "/" + marshaller.group(2);
        }
        Matcher m = MODEL_CLASS.matcher(entry);
        if (!m.matches()) {
            return null;
        }
        String simple = m.group(2);
        String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
        String operation = outer.endsWith("Request") ? outer.substring(0, outer.length() - "Request".length())
                : outer.endsWith("Response") ? outer.substring(0, outer.length() - "Response".length()) : null;
        if (operation == null || operation.isEmpty() || outer.endsWith("Exception")) {
            return null;
        }
        if (!entries.containsKey("software/amazon/awssdk/services/" + m.group(1) + "/transform/" + operation
                + "RequestMarshaller.class")) {
            return null; // a shape named like one (WriteRequest), the service's base request or response
        }
        return m.group(1) + "/" + operation;
    }

    /** Naming this class means calling its operation: its request's builder, its response, its paginator. */
    private static boolean callsOperation(String entry) {
        if (PAGINATOR.matcher(entry).matches()) {
            return true;
        }
        Matcher m = MODEL_CLASS.matcher(entry);
        String simple = m.matches() ? m.group(2) : "";
        String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
        return outer.endsWith("Response") || (outer.endsWith("Request") && simple.contains("$"));
    }

    /**
     * What stays of an operation never called: its request and response (the client's verification loads them)
     * and their {@code Builder} interfaces (theirs needs them).
     */
    private static boolean keptUncalled(String entry) {
        if (MARSHALLER.matcher(entry).matches() || PAGINATOR.matcher(entry).matches()) {
            return false;
        }
        String simple = entry.substring(entry.lastIndexOf('/') + 1, entry.length() - ".class".length());
        int inner = simple.indexOf('$');
        return inner < 0 || (MODEL_CLASS.matcher(entry).matches() && simple.substring(inner).equals("$Builder"));
    }

    private final Map<String, Set<String>> references = new java.util.HashMap<>();
    private final Map<String, Optional<String>> families = new java.util.HashMap<>();

    /** The class entries an entry names: in a class file's constant pool strings, or in a resource's text. */
    private Set<String> references(String entry) {
        return references.computeIfAbsent(entry, this::namedBy);
    }

    private Set<String> namedBy(String entry) {
        byte[] bytes = entries.get(entry);
        Set<String> found = new HashSet<>();
        if (entry.endsWith(".class")) {
            for (String utf8 : constantPoolStrings(bytes)) {
                addNames(utf8, found);
            }
        } else if (bytes.length < 4_000_000) {
            addNames(new String(bytes, StandardCharsets.ISO_8859_1), found);
        }
        found.remove(entry);
        return found;
    }

    private void addNames(String text, Set<String> found) {
        int length = text.length();
        int start = -1;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : ';';
            boolean part = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                    || c == '/' || c == '.';
            if (part) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                if (i - start > 2) {
                    String name = text.substring(start, i).replace('.', '/');
                    addClass(name, found);
                    if (name.charAt(0) == 'L') {
                        addClass(name.substring(1), found);
                    }
                }
                start = -1;
            }
        }
    }

    private void addClass(String name, Set<String> found) {
        String entry = classes.get(name);
        if (entry != null) {
            found.add(entry);
        }
    }

    /** Where a class file's access flags are (after its constant pool); -1 if it is no class file. */
    static int constantPoolEnd(byte[] b) {
        return scanConstantPool(b, null);
    }

    /** Every CONSTANT_Utf8 of a class file (class names, descriptors, signatures, string literals). */
    static List<String> constantPoolStrings(byte[] b) {
        List<String> strings = new ArrayList<>();
        scanConstantPool(b, strings);
        return strings;
    }

    private static int scanConstantPool(byte[] b, List<String> strings) {
        if (b.length < 10 || (b[0] & 0xff) != 0xca || (b[1] & 0xff) != 0xfe) {
            return -1;
        }
        int count = u2(b, 8);
        int p = 10;
        for (int i = 1; i < count; i++) {
            int tag = b[p] & 0xff;
            switch (tag) {
                case 1 -> {
                    int length = u2(b, p + 1);
                    if (strings != null) {
                        strings.add(new String(b, p + 3, length, StandardCharsets.ISO_8859_1));
                    }
                    p += 3 + length;
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5;
                case 5, 6 -> {
                    p += 9;
                    i++;
                }
                case 7, 8, 16, 19, 20 -> p += 3;
                case 15 -> p += 4;
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at " + p);
            }
        }
        return p;
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static Map<String, byte[]> read(Path jar, Map<String, Long> times) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                times.put(e.getName(), e.getTime());
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static void write(Map<String, byte[]> entries, Map<String, Long> times, Set<String> removed, Path target)
            throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (removed.contains(e.getKey())) {
                    continue;
                }
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(times.get(e.getKey()));
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }
}
