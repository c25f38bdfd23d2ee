package io.fleetopt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's approval through the review page: `fleetopt run --demo` offers it, `fleetopt review` serves it too. */
class ReviewOnTheDemoTest {

    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/review/\\S+)");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    /** A fleetopt command running in the background, its terminal never answering (stdin open, nothing typed). */
    private record Running(CompletableFuture<Integer> exit, ByteArrayOutputStream out, ByteArrayOutputStream err,
                           PipedOutputStream keyboard) {

        String output() {
            return out.toString(StandardCharsets.UTF_8);
        }

        /** The first review link the command printed after {@code marker}. */
        String link(String marker) throws InterruptedException {
            for (int i = 0; i < 600; i++) {
                String text = output();
                int at = text.indexOf(marker);
                if (at >= 0) {
                    Matcher m = LINK.matcher(text.substring(at));
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                if (exit.isDone()) {
                    throw new AssertionError("ended before printing a link: " + text + err.toString(StandardCharsets.UTF_8));
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no review link printed: " + output());
        }
    }

    private Running start(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard);
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--state-dir", stateDir.toString()));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> FleetoptCommand.execute(all.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), in), command -> Thread.ofPlatform().daemon().start(command));
        return new Running(exit, out, err, keyboard);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> decide(String url, String decision, List<String> items) throws IOException, InterruptedException {
        String page = get(url).body();
        StringBuilder form = new StringBuilder("csrf=" + enc(hidden(page, "csrf")) + "&planDigest=" + enc(hidden(page, "planDigest"))
                + "&approver=" + enc("Ana Lima") + "&decision=" + decision);
        items.forEach(id -> form.append("&item=").append(enc(id)));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }

    private static List<String> checkboxes(String html) {
        Matcher m = Pattern.compile("name=\"item\" checked id=\"[^\"]+\" value=\"([^\"]+)\"").matcher(html);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void runOffersTheReviewPageAndAppliesExactlyWhatWasTickedThere() throws Exception {
        Running run = start("run", "--demo", "--reset");
        String url = run.link("Review page: ");

        for (int i = 0; i < 3; i++) {
            assertEquals(200, get(url).statusCode());
        }
        Thread.sleep(300);
        assertFalse(run.exit().isDone(), "three GETs decide nothing: the run still waits");
        List<String> offered = checkboxes(get(url).body());
        assertTrue(offered.size() > 3, offered.toString());
        HttpResponse<String> approved = decide(url, "approve", offered.subList(0, 2));
        int code = run.exit().get(60, TimeUnit.SECONDS);
        run.keyboard().close();

        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals(0, code, run.err().toString(StandardCharsets.UTF_8));
        assertTrue(run.output().contains("Decided on the review page by Ana Lima: 2 approved, " + (offered.size() - 2) + " rejected."),
                run.output());
        assertTrue(run.output().contains("Applied 2, already applied 0"), run.output());
        assertTrue(Files.readString(stateDir.resolve("ledger.jsonl")).contains("Ana Lima"), "the approver is in the ledger");
    }

    @Test
    void reviewServesTheWaitingRunsPageInAnotherProcessAndARejectionChangesNothing() throws Exception {
        Running run = start("run", "--demo", "--reset");
        run.link("Review page: ");
        Matcher id = Pattern.compile("fleetopt weekly run (\\S+) ").matcher(run.output());
        assertTrue(id.find(), run.output());
        Running review = start("review", "--demo", "--run", id.group(1));
        String url = review.link("Review page of run ");

        HttpResponse<String> rejected = decide(url, "reject", List.of());
        int reviewCode = review.exit().get(30, TimeUnit.SECONDS);
        int runCode = run.exit().get(60, TimeUnit.SECONDS);
        run.keyboard().close();
        review.keyboard().close();

        assertEquals(200, rejected.statusCode(), rejected.body());
        assertTrue(rejected.body().contains("nothing will change"));
        assertEquals(0, reviewCode);
        assertTrue(review.output().contains("Decided by Ana Lima: 0 approved"), review.output());
        assertEquals(0, runCode, run.err().toString(StandardCharsets.UTF_8));
        assertTrue(run.output().contains("Nothing approved; nothing was changed."), run.output());
        assertFalse(Files.exists(stateDir.resolve("ledger.jsonl")));
    }

    @Test
    void reviewOfARunWithoutAnApprovalRequestSaysHowToGetOne() throws Exception {
        Running review = start("review", "--demo", "--run", "2026-11-02-none");
        int code = review.exit().get(30, TimeUnit.SECONDS);

        assertEquals(2, code);
        assertTrue(review.err().toString(StandardCharsets.UTF_8).contains("has no approval request"), review.err().toString());
    }
}
