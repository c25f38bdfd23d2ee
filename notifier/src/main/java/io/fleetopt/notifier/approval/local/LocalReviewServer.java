package io.fleetopt.notifier.approval.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fleetopt.notifier.approval.FormData;
import io.fleetopt.notifier.approval.HttpAnswer;
import io.fleetopt.notifier.approval.HttpCall;
import io.fleetopt.notifier.approval.ReviewEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The review endpoint served on the loopback address at a free port (the JDK's HTTP server), for the CLI and tests. */
public final class LocalReviewServer implements AutoCloseable {

    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    static final int FINISH_SECONDS = 5;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    public LocalReviewServer(ReviewEndpoint endpoint) {
        this(endpoint::handle);
    }

    /** Serves whatever answers the calls (a {@link ReviewEndpoint} made later, in tests). */
    public LocalReviewServer(Function<HttpCall, HttpAnswer> endpoint) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve the review page on the loopback address", e);
        }
        server.createContext("/", exchange -> serve(endpoint, exchange));
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}, where links are opened. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void serve(Function<HttpCall, HttpAnswer> endpoint, HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpAnswer answer;
            byte[] body = readAtMost(exchange.getRequestBody());
            if (body == null) {
                answer = new HttpAnswer(413, "<!doctype html><title>Too large</title><p>The request is too large. Nothing was changed.</p>");
            } else {
                answer = endpoint.apply(new HttpCall(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        FormData.firstValues(exchange.getRequestURI().getRawQuery()), new String(body, StandardCharsets.UTF_8),
                        exchange.getRemoteAddress().getAddress().getHostAddress(),
                        exchange.getRequestHeaders().getFirst("User-Agent")));
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] html = answer.html().getBytes(StandardCharsets.UTF_8);
            boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
            exchange.sendResponseHeaders(answer.status(), head ? -1 : html.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(html);
                }
            }
        }
    }

    private static byte[] readAtMost(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    /**
     * Stops listening, then lets the answers being sent finish (up to {@value #FINISH_SECONDS} s): the decision's own
     * POST is what ends a review, and its answer must still reach the approver's browser.
     */
    @Override
    public void close() {
        server.stop(FINISH_SECONDS);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(FINISH_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
