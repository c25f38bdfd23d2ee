package io.fleetopt.infra.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * moto's AWS emulator server as a child process on a free loopback port, with fleetopt's documented start-up
 * patches ({@code src/test/resources/moto/fleetopt_moto_server.py}, see docs/emulator-gaps.md). Stopped on close.
 * A machine without python3 or moto fails with what to install, never a skip.
 */
final class MotoServer implements AutoCloseable {

    static final String ACCOUNT_ID = "123456789012";
    static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final int port;

    private MotoServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the patched server; {@code createdDaysAgo} dates the functions created on it that many days back. */
    static MotoServer start(Path workDir, int createdDaysAgo) {
        requireMoto();
        try {
            Path script = workDir.resolve("fleetopt_moto_server.py");
            try (var in = MotoServer.class.getResourceAsStream("/moto/fleetopt_moto_server.py")) {
                if (in == null) {
                    throw new IllegalStateException("the moto start-up script /moto/fleetopt_moto_server.py is not on the test classpath");
                }
                Files.copy(in, script);
            }
            int port = freePort();
            Path log = workDir.resolve("moto.log");
            ProcessBuilder builder = new ProcessBuilder("python3", script.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("FLEETOPT_MOTO_CREATED_DAYS_AGO", String.valueOf(createdDaysAgo));
            MotoServer server = new MotoServer(builder.start(), log, port);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto's server", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** What moto wrote so far: one line per request it served, and its errors. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(moto's log could not be read: " + e + ")";
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto's server exited with " + process.exitValue() + " on start-up:\n" + log());
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        close();
        throw new IllegalStateException("moto's server did not listen on port " + port + " within " + START_TIMEOUT + ":\n" + log());
    }

    /** python3 with moto's server, as .ci/run checks for: a clear message when either is missing. */
    static void requireMoto() {
        String problem;
        try {
            Process check = new ProcessBuilder("python3", "-c", "import moto.server, moto; print(moto.__version__)")
                    .redirectErrorStream(true).start();
            String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!check.waitFor(60, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                problem = "python3 -c 'import moto' did not finish in 60 s";
            } else {
                problem = check.exitValue() == 0 ? null : out;
            }
        } catch (IOException e) {
            problem = "python3 is not on the PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        if (problem != null) {
            throw new IllegalStateException("the end-to-end test needs moto's AWS emulator server (python3 -m moto.server): "
                    + problem + ". Install it with `python3 -m pip install 'moto[server]==5.2.1'`.");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto's server", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Requests moto served, as its log lines ({@code "POST / HTTP/1.1" 200}), for a figure of the run. */
    long requestsServed() {
        return log().lines().filter(line -> line.contains("\" ") && line.contains("HTTP/1.1")).count();
    }
}
