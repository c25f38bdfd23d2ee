package io.fleetopt.aws;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The priming requests' responder, spoken to in raw HTTP/1.1 as the SDK's HTTP client speaks it. */
class LoopbackResponderTest {

    @Test
    void readsAChunkedBodyWholeAndAnswersAJsonRequestWithAnEmptyObject() throws IOException {
        try (LoopbackResponder responder = LoopbackResponder.start()) {
            String answer = exchange(responder, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5;chunk-signature=ab\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32: AAAA\r\n\r\n");

            assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
            assertTrue(answer.contains("Content-Type: application/x-amz-json-1.0\r\n"), answer);
            assertTrue(answer.endsWith("\r\n\r\n{}"), answer);
            assertEquals(1, responder.answered());
        }
    }

    @Test
    void sendsContinueBeforeTheBodyOfARequestThatExpectsItAndNoBodyToANonJsonOne() throws IOException {
        try (LoopbackResponder responder = LoopbackResponder.start()) {
            String answer = exchange(responder, "PUT /bucket/key HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 2\r\n\r\n{}");

            assertTrue(answer.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"), answer);
            assertTrue(answer.contains("Content-Length: 0\r\n"), answer);
            assertTrue(answer.endsWith("\r\n\r\n"), answer);
        }
    }

    @Test
    void leavesARequestCutOffBeforeItsHeadersEndUnansweredAndGoesOnServing() throws IOException {
        try (LoopbackResponder responder = LoopbackResponder.start()) {
            try (Socket socket = new Socket("127.0.0.1", responder.port())) {
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127".getBytes(StandardCharsets.US_ASCII));
                socket.shutdownOutput();
                assertEquals(-1, socket.getInputStream().read(), "no answer, the connection closed");
            }

            assertTrue(exchange(responder, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").startsWith("HTTP/1.1 200 OK"));
            assertEquals(1, responder.answered());
        }
    }

    private static String exchange(LoopbackResponder responder, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", responder.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
