package io.fleetopt.notifier.approval.local;

import io.fleetopt.notifier.approval.HttpAnswer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalReviewServerTest {

    /** A decision's POST ends the review, and the CLI closes the server at once: the decision's answer still arrives. */
    @Test
    void closingWhileAnAnswerIsBeingMadeStillSendsThatAnswerThenServesNoMore() throws Exception {
        AtomicReference<LocalReviewServer> server = new AtomicReference<>();
        AtomicReference<Thread> closing = new AtomicReference<>();
        server.set(new LocalReviewServer(call -> {
            closing.set(Thread.ofPlatform().start(() -> server.get().close()));
            try {
                Thread.sleep(500); // the answer is still being made when close() runs
            } catch (InterruptedException e) {
                throw new IllegalStateException("the answer was interrupted", e);
            }
            return new HttpAnswer(200, "<p>Decision recorded.</p>");
        }));
        String url = server.get().baseUrl() + "/review";
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("decision=approve"))
                .build(), HttpResponse.BodyHandlers.ofString());
        closing.get().join();

        assertEquals(200, answer.statusCode());
        assertEquals("<p>Decision recorded.</p>", answer.body());
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()), "closed: nothing is served after the decision");
    }
}
