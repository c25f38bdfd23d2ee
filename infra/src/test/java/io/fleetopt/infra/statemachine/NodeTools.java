package io.fleetopt.infra.statemachine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The node tools the state machine tests run, as {@code .ci/setup-node} installs them. Missing tools fail the
 * test with what to run, never skip it.
 */
public final class NodeTools {

    static final int MIN_NODE_MAJOR = 22;

    final Path dir;
    final Path node;

    private NodeTools(Path dir, Path node) {
        this.dir = dir;
        this.node = node;
    }

    public static NodeTools installed(Path repoRoot) {
        Path dir = repoRoot.resolve("infra/src/test/node");
        Path modules = dir.resolve("node_modules");
        for (String tool : List.of("aws-local-stepfunctions", "asl-validator")) {
            if (!Files.isRegularFile(modules.resolve(tool).resolve("package.json"))) {
                throw new IllegalStateException("the node tool " + tool + " is not installed in " + modules
                        + ": run `bash .ci/setup-node` first (it installs the state machine test tools from npm)");
            }
        }
        Path bundled = modules.resolve(".bin/node");
        Path node = Files.isExecutable(bundled) ? bundled : Path.of("node");
        int major = majorVersion(node);
        if (major < MIN_NODE_MAJOR) {
            throw new IllegalStateException("aws-local-stepfunctions needs node " + MIN_NODE_MAJOR + " or newer, "
                    + node + " is " + (major < 0 ? "missing" : "node " + major) + ": run `bash .ci/setup-node` first");
        }
        return new NodeTools(dir, node);
    }

    private static int majorVersion(Path node) {
        try {
            Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || !version.startsWith("v")) {
                return -1;
            }
            return Integer.parseInt(version.substring(1, version.indexOf('.')));
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs a node script from the tools' folder with {@code stdin}; returns its exit code and output. */
    Result run(String stdin, long timeoutSeconds, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(node.toAbsolutePath().toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            var stdout = new java.io.ByteArrayOutputStream();
            var stderr = new java.io.ByteArrayOutputStream();
            Thread outDrain = drain(process.getInputStream(), stdout);
            Thread errDrain = drain(process.getErrorStream(), stderr);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("node " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                        + " s; its errors so far: " + stderr.toString(StandardCharsets.UTF_8));
            }
            outDrain.join();
            errDrain.join();
            return new Result(process.exitValue(), stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Copies a stream until it ends; an I/O error ends the copy and is kept in what was copied. */
    private static Thread drain(java.io.InputStream from, java.io.ByteArrayOutputStream to) {
        return Thread.ofVirtual().start(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                to.writeBytes(("\n(reading the output failed: " + e + ")").getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    record Result(int exitCode, String stdout, String stderr) {
    }
}
