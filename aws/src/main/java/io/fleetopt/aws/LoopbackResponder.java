package io.fleetopt.aws;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 responder on 127.0.0.1, on a port of the system's choosing, for {@link SdkRequestPriming}'s
 * requests: it reads each request whole (a fixed-length or chunked body, after a 100 Continue where the request
 * expects one), answers 200 with an empty JSON object to a
 * JSON protocol's request and with no body to any other, and closes the connection. It keeps nothing it reads.
 */
final class LoopbackResponder implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ServerSocket server;
    private final AtomicInteger answered = new AtomicInteger();

    private LoopbackResponder(ServerSocket server) {
        this.server = server;
    }

    static LoopbackResponder start() throws IOException {
        ServerSocket server = new ServerSocket(0, 16, InetAddress.getByName(PrimingLoopback.HOST));
        LoopbackResponder responder = new LoopbackResponder(server);
        Thread thread = new Thread(responder::serve, "fleetopt-priming-loopback");
        thread.setDaemon(true);
        thread.start();
        return responder;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Requests answered so far. */
    int answered() {
        return answered.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5_000);
                answer(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                // a request that could not be read is not answered; the client's call fails, which priming allows
            }
        }
    }

    private void answer(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        String lower = head.toLowerCase(Locale.ROOT);
        String contentType = header(lower, "content-type");
        if ("100-continue".equals(header(lower, "expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        if ("chunked".equals(header(lower, "transfer-encoding"))) {
            skipChunked(in);
        } else {
            String length = header(lower, "content-length");
            if (length != null) {
                in.skipNBytes(Long.parseLong(length.trim()));
            }
        }
        boolean json = contentType != null && contentType.contains("json");
        byte[] body = json ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        String response = "HTTP/1.1 200 OK\r\n"
                + (json ? "Content-Type: " + contentType + "\r\n" : "")
                + "Content-Length: " + body.length + "\r\n"
                + "x-amzn-RequestId: fleetopt-priming\r\n"
                + "Connection: close\r\n\r\n";
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        answered.incrementAndGet();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEADER_BYTES) {
                throw new IOException("the request ended before its headers did");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The value of a header in a lower-cased request head, or null. */
    private static String header(String lowerHead, String name) {
        for (String line : lowerHead.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private static void skipChunked(InputStream in) throws IOException {
        while (true) {
            String size = readLine(in);
            int semicolon = size.indexOf(';');
            long length = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return;
            }
            in.skipNBytes(length);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the request's body ended early");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
