package io.fleetopt.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads the classes a stage handler's init is known to load, on a second thread, while the handler's own thread
 * starts its Micronaut context: the JVM spends most of a cold start loading and verifying classes, one at a time on
 * the thread that first needs each, and a function has a second core (or, below 1,769 MB, a share of one) that sits
 * idle meanwhile. The list is the one {@code tools/classlist/RecordClassLists} wrote into the Lambda jar when it was
 * built ({@code META-INF/fleetopt/preload/<Handler>.classes}: the classes that handler's init loaded there, in
 * order); a jar without one (a test's class path) preloads nothing.
 *
 * <p>Classes are loaded, never initialized ({@code Class.forName(name, false, loader)}): no static initializer runs
 * here, or out of the order the handler's own code runs them in. A listed class that is not there (a JDK without it)
 * is passed over: the handler's thread loads whatever it needs itself, as it would without this.
 */
public final class ClassPreloading {

    /** Where in a Lambda jar the class lists are, one per handler, named by the handler's simple name. */
    public static final String LIST_FOLDER = "META-INF/fleetopt/preload/";
    public static final String LIST_SUFFIX = ".classes";

    private final List<String> names;
    private final AtomicInteger loaded = new AtomicInteger();
    private final AtomicInteger passedOver = new AtomicInteger();
    private final Thread thread;

    private ClassPreloading(List<String> names, ClassLoader loader) {
        this.names = names;
        this.thread = names.isEmpty() ? null : Thread.ofPlatform().name("fleetopt-class-preloading").daemon()
                .unstarted(() -> load(loader));
    }

    /** Starts loading {@code handler}'s list in the background, through its class loader; with no list, does nothing. */
    public static ClassPreloading start(Class<?> handler) {
        return start(handler.getSimpleName(), handler.getClassLoader());
    }

    static ClassPreloading start(String handlerSimpleName, ClassLoader loader) {
        ClassPreloading preloading = new ClassPreloading(listOf(handlerSimpleName, loader), loader);
        if (preloading.thread != null) {
            preloading.thread.start();
        }
        return preloading;
    }

    private static List<String> listOf(String handlerSimpleName, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(LIST_FOLDER + handlerSimpleName + LIST_SUFFIX)) {
            if (in == null) {
                return List.of();
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            // an unreadable list only costs the speed-up: the handler's init loads its classes itself
            return List.of();
        }
    }

    private void load(ClassLoader loader) {
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                loaded.incrementAndGet();
            } catch (ClassNotFoundException | LinkageError notHere) {
                passedOver.incrementAndGet();
            }
        }
    }

    /**
     * Waits up to {@code limit} for the list to be loaded (SnapStart's priming hook does, so the snapshot holds every
     * listed class); true when it is, or when there was none.
     */
    public boolean awaitLoaded(Duration limit) throws InterruptedException {
        return thread == null || thread.join(limit);
    }

    /** The classes listed for this handler (0 without a list). */
    public int listed() {
        return names.size();
    }

    /** The listed classes loaded so far. */
    public int loaded() {
        return loaded.get();
    }

    /** The listed classes not found here so far. */
    public int passedOver() {
        return passedOver.get();
    }
}
