package io.fleetopt.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a page test's node script in Debian's headless Chromium (playwright-core from {@code tools/browser},
 * as {@code .ci/setup-browser} installs it). The script imports {@code launchChromium} from the path in the
 * environment variable {@code FLEETOPT_BROWSER_LAUNCHER} and prints its findings as JSON on its last line of
 * standard output. Missing tools fail the test with what to run, never skip it.
 */
public final class HeadlessChromium {

    private final Path repoRoot;

    private HeadlessChromium(Path repoRoot) {
        this.repoRoot = repoRoot;
    }

    /** The installed tools, found from the working directory (a module folder or the repository root). */
    public static HeadlessChromium installed() {
        Path root = repoRoot();
        if (!Files.isRegularFile(root.resolve("tools/browser/node_modules/playwright-core/package.json"))) {
            throw new IllegalStateException("playwright-core is not installed in " + root.resolve("tools/browser")
                    + ": run `bash .ci/setup-browser` first");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new IllegalStateException("/usr/bin/chromium is missing: run `bash .ci/setup-browser` (apt-get install chromium)");
        }
        return new HeadlessChromium(root);
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("tools/browser")) && Files.isRegularFile(d.resolve("mvnw"))) {
                return d;
            }
        }
        throw new IllegalStateException("no tools/browser folder above " + dir);
    }

    /**
     * Runs {@code script} (an .mjs file) with {@code args}; returns the last line it printed (its JSON findings).
     * A non-zero exit or a timeout fails with what the script wrote to standard error.
     */
    public String run(Path script, long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of("node", script.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.resolve("tools/browser").toFile());
        builder.environment().put("FLEETOPT_BROWSER_LAUNCHER", repoRoot.resolve("tools/browser/chromium.mjs").toUri().toString());
        builder.environment().put("NODE_PATH", repoRoot.resolve("tools/browser/node_modules").toString());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Thread outDrain = drain(process.getInputStream(), stdout);
            Thread errDrain = drain(process.getErrorStream(), stderr);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script.getFileName() + " did not finish in " + timeoutSeconds + " s: "
                        + stderr.toString(StandardCharsets.UTF_8));
            }
            outDrain.join();
            errDrain.join();
            String out = stdout.toString(StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script.getFileName() + " exited " + process.exitValue() + ": "
                        + stderr.toString(StandardCharsets.UTF_8) + out);
            }
            int lastLine = out.lastIndexOf('\n');
            return lastLine < 0 ? out : out.substring(lastLine + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static Thread drain(InputStream from, ByteArrayOutputStream to) {
        return Thread.ofVirtual().start(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                to.writeBytes(("\n(reading the output failed: " + e + ")").getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
