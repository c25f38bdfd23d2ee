import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Starts {@link ColdStartProbe} the way Lambda's Java runtime loads a function's code: through a class loader of its
 * own over the function's classes (Lambda's {@code CustomerClassLoader}, a {@code URLClassLoader} over
 * {@code /var/task}), whose parent is the class path the runtime itself runs from (here this class alone). Like
 * Lambda's, that loader is not registered as parallel capable, so two threads loading classes through it take turns
 * (which bounds what ClassPreloading can do on Lambda, and so is measured here too).
 *
 * <p>Usage: {@code java [-Dcoldstart.probe=CLASS] -cp DIR_OF_THIS CustomerClassLoaderLaunch STAGE_CLASSPATH PROBE_DIR
 * ARGS_OF_THE_PROBE...}; the probe is {@code ColdStartProbe} unless {@code coldstart.probe} names another class in
 * PROBE_DIR ({@code SdkFloorProbe}).
 */
public final class CustomerClassLoaderLaunch {

    /** Not parallel capable, as Lambda's CustomerClassLoader is not: it never calls registerAsParallelCapable. */
    static final class CustomerLikeClassLoader extends URLClassLoader {
        CustomerLikeClassLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }
    }

    public static void main(String[] args) throws Exception {
        String[] stage = args[0].split(File.pathSeparator);
        URL[] urls = new URL[stage.length + 1];
        for (int i = 0; i < stage.length; i++) {
            urls[i] = Path.of(stage[i]).toUri().toURL();
        }
        urls[stage.length] = Path.of(args[1]).toUri().toURL();
        ClassLoader loader = new CustomerLikeClassLoader(urls, ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        String[] probeArgs = java.util.Arrays.copyOfRange(args, 2, args.length);
        loader.loadClass(System.getProperty("coldstart.probe", "ColdStartProbe")).getMethod("main", String[].class).invoke(null, (Object) probeArgs);
    }
}
