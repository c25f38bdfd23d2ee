package io.fleetopt.aws;

import io.fleetopt.aws.telemetry.SnapStartPriming;
import io.fleetopt.core.json.DocumentCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassPreloadingTest {

    /** Set by {@link InitializedOnFirstUse}'s static initializer: preloading must leave it unset. */
    static final AtomicBoolean INITIALIZER_RAN = new AtomicBoolean();

    static final class InitializedOnFirstUse {
        static {
            INITIALIZER_RAN.set(true);
        }

        static void use() {
        }
    }

    /** Records every class asked of it, in order, and loads it as its parent does. */
    static class RecordingLoader extends ClassLoader {
        final List<String> asked = new CopyOnWriteArrayList<>();

        RecordingLoader() {
            super(ClassPreloadingTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void loadsTheHandlersListInOrderOnItsOwnThreadWithoutInitializingAnyClass() throws Exception {
        RecordingLoader loader = new RecordingLoader();

        ClassPreloading preloading = ClassPreloading.start("ListedHandler", loader);

        assertTrue(preloading.awaitLoaded(Duration.ofSeconds(10)));
        assertEquals(List.of("io.fleetopt.aws.ClassPreloadingTest$InitializedOnFirstUse", "io.fleetopt.aws.NoSuchClassAnywhere",
                "java.util.concurrent.ConcurrentSkipListSet"), loader.asked, "the list's classes, in its order, comments left out");
        assertEquals(3, preloading.listed());
        assertEquals(2, preloading.loaded());
        assertEquals(1, preloading.passedOver(), "the class that is not here is passed over, the rest still loaded");
        assertFalse(INITIALIZER_RAN.get(), "loaded, not initialized: no static initializer runs on the preloading thread");
        InitializedOnFirstUse.use();
        assertTrue(INITIALIZER_RAN.get(), "the class initializes on its first use, on the thread that uses it");
    }

    @Test
    void snapStartsPrimingHookWaitsForThePreloadingSoTheSnapshotHoldsEveryListedClass() throws Exception {
        RecordingLoader slow = new RecordingLoader() {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.loadClass(name, resolve);
            }
        };
        try (DocumentCodec codec = new DocumentCodec()) {
            // the hook's own work once first (nothing to wait for), so what it takes below is the wait alone
            new SnapStartPriming(codec, ClassPreloading.start("UnlistedHandler", slow), null).beforeCheckpoint(null);
            ClassPreloading preloading = ClassPreloading.start("ListedHandler", slow);

            new SnapStartPriming(codec, preloading, null).beforeCheckpoint(null);

            assertEquals(3, slow.asked.size(), "every listed class was tried before the hook returned");
            assertEquals(3, preloading.loaded() + preloading.passedOver());
        }
    }

    @Test
    void aHandlerWithoutAListPreloadsNothing() throws Exception {
        RecordingLoader loader = new RecordingLoader();

        ClassPreloading preloading = ClassPreloading.start("UnlistedHandler", loader);

        assertTrue(preloading.awaitLoaded(Duration.ZERO));
        assertEquals(0, preloading.listed());
        assertEquals(List.of(), loader.asked);
    }

    @Test
    void aHandlerClassFindsItsListByItsSimpleName() throws Exception {
        ClassPreloading preloading = ClassPreloading.start(ClassPreloadingTest.class);

        assertTrue(preloading.awaitLoaded(Duration.ofSeconds(10)));
        assertEquals(0, preloading.listed(), "no list is named ClassPreloadingTest");
    }
}
