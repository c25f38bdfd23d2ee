package io.fleetopt.infra.statemachine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.notifier.approval.LinkSigner;
import io.fleetopt.notifier.approval.PendingApprovals;
import io.fleetopt.notifier.approval.ReviewEndpoint;
import io.fleetopt.notifier.approval.local.LocalReviewServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import io.fleetopt.infra.FleetoptStack;
import io.fleetopt.infra.StageFunction;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The loopback HTTP bridge between aws-local-stepfunctions and the real stage handlers: {@code POST /tasks/<State>}
 * invokes the handler the stack deploys for that Task state ({@link FleetoptStack#FUNCTIONS}), with the JSON the
 * state machine passes, on the demo account in {@code stateDir}. Like a Lambda function, each handler has its own
 * application context and serves one request at a time. The approver is scripted, but decides on the real review
 * page (the link in the approval email); faults can be injected per call.
 */
final class HandlerBridge implements AutoCloseable {

    /** What the approver does when RequestApproval has sent the email. */
    enum Approver { APPROVES_EVERYTHING, APPROVES_TWO, REJECTS, NEVER_ANSWERS }

    static final String APPROVER = "approver@example.com";

    /** An error to answer instead of calling the handler (null: call it), e.g. a throttled Lambda. */
    @FunctionalInterface
    interface Fault {
        TaskError before(String state, Map<String, Object> input);
    }

    record TaskError(String errorType, String errorMessage) {
    }

    /** One call of a Task state, with the item it was about (ApplyItem) and how it ended. */
    record Invocation(String state, String itemId, String outcome) {
    }

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final Path stateDir;
    private final Map<String, Object> properties;
    private final Approver approver;
    private final Fault fault;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, MicronautRequestHandler<Object, Object>> handlers = new HashMap<>();
    private final List<Invocation> invocations = new ArrayList<>();
    private final BridgeTasks tasks = new BridgeTasks();
    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalReviewServer reviewServer;
    private ReviewEndpoint reviewEndpoint;

    HandlerBridge(Path stateDir, Map<String, Object> extraProperties, Approver approver, Fault fault) {
        this.stateDir = stateDir;
        this.properties = new LinkedHashMap<>(extraProperties);
        this.properties.put("fleetopt.account", "demo");
        this.properties.put("fleetopt.state-dir", stateDir.toString());
        this.approver = approver;
        this.fault = fault;
        this.reviewServer = new LocalReviewServer((io.fleetopt.notifier.approval.HttpCall call) -> reviewEndpoint().handle(call));
        this.properties.put("fleetopt.approval.review-url", reviewServer.baseUrl());
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the handler bridge on the loopback address", e);
        }
        server.createContext("/tasks/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    synchronized List<String> statesCalled() {
        return invocations.stream().map(Invocation::state).toList();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String state = exchange.getRequestURI().getPath().substring("/tasks/".length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        String answer;
        try {
            answer = invoke(state, body);
        } catch (RuntimeException | IOException e) {
            answer = error(new TaskError("Bridge.Error", e.toString()));
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String invoke(String state, byte[] body) throws IOException {
        Map<String, Object> input = JSON.readValue(body, Argument.mapOf(String.class, Object.class));
        String itemId = input.get("itemId") instanceof String id ? id : null;
        TaskError injected = fault.before(state, input);
        if (injected != null) {
            record(state, itemId, injected.errorType());
            return error(injected);
        }
        // RequestApproval is invoked through lambda:invoke.waitForTaskToken: the function gets the Payload.
        byte[] payload = "RequestApproval".equals(state) ? JSON.writeValueAsBytes(input.get("Payload")) : body;
        String output;
        try {
            output = callHandler(state, payload);
        } catch (RuntimeException e) {
            // as the Lambda Java runtime reports a function error: the exception's class name and message
            record(state, itemId, e.getClass().getName());
            return error(new TaskError(e.getClass().getName(), String.valueOf(e.getMessage())));
        }
        record(state, itemId, "ok");
        if ("RequestApproval".equals(state)) {
            return approverAnswers(JSON.readValue(payload, Argument.mapOf(String.class, Object.class)));
        }
        return "{\"output\":" + output + "}";
    }

    private String callHandler(String state, byte[] payload) throws IOException {
        MicronautRequestHandler<Object, Object> handler = handler(state);
        synchronized (handler) {
            JsonMapper mapper = handler.getApplicationContext().getBean(JsonMapper.class);
            Object input = mapper.readValue(payload, Argument.of(inputType(handler)));
            Object output = handler.handleRequest(input, new LocalLambdaContext("fleetopt-" + state));
            return new String(mapper.writeValueAsBytes(output), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized MicronautRequestHandler<Object, Object> handler(String state) {
        return handlers.computeIfAbsent(state, name -> {
            StageFunction stage = FleetoptStack.FUNCTIONS.stream().filter(f -> f.state().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the stack deploys no function for the Task state " + name));
            try {
                Class<?> type = Class.forName(stage.handlerClass());
                ApplicationContextBuilder builder = ApplicationContext.builder().properties(properties).deduceEnvironment(false);
                return (MicronautRequestHandler<Object, Object>) type.getConstructor(ApplicationContextBuilder.class)
                        .newInstance(builder);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not create " + stage.handlerClass() + " for the state " + name, e);
            }
        });
    }

    private static Class<?> inputType(Object handler) {
        Class<?> type = handler.getClass();
        while (!(type.getGenericSuperclass() instanceof ParameterizedType parameterized
                && parameterized.getRawType() == MicronautRequestHandler.class)) {
            type = type.getSuperclass();
        }
        return (Class<?>) ((ParameterizedType) type.getGenericSuperclass()).getActualTypeArguments()[0];
    }

    /**
     * The approver on the review page: finds the link in the approval email RequestApproval sent, opens the page
     * and submits its form to the real {@link ReviewEndpoint} served on loopback. The endpoint answers the task
     * through {@link #tasks}, which stands in for Step Functions' SendTaskSuccess / SendTaskFailure here.
     */
    @SuppressWarnings("unchecked")
    private String approverAnswers(Map<String, Object> payload) throws IOException {
        if (approver == Approver.NEVER_ANSWERS) {
            return "{\"pending\":true}";
        }
        String runId = (String) ((Map<String, Object>) payload.get("run")).get("runId");
        String token = (String) payload.get("taskToken");
        tasks.waitFor(token);
        String link = reviewLink(runId);
        try {
            String page = http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            List<String> offered = matches(page, "name=\"item\" checked id=\"[^\"]+\" value=\"([^\"]+)\"");
            List<String> ticked = switch (approver) {
                case APPROVES_EVERYTHING -> offered;
                case APPROVES_TWO -> offered.subList(0, 2);
                default -> List.of();
            };
            StringBuilder form = new StringBuilder("csrf=" + encode(matches(page, "name=\"csrf\" value=\"([^\"]+)\"").get(0))
                    + "&planDigest=" + encode(matches(page, "name=\"planDigest\" value=\"([^\"]+)\"").get(0))
                    + "&approver=" + encode(APPROVER) + "&decision=" + (approver == Approver.REJECTS ? "reject" : "approve"));
            ticked.forEach(id -> form.append("&item=").append(encode(id)));
            HttpResponse<String> decided = http.send(HttpRequest.newBuilder(URI.create(link))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (decided.statusCode() != 200) {
                throw new IllegalStateException("the review page refused the decision (" + decided.statusCode() + "): " + decided.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted on the review page", e);
        }
        BridgeTasks.Answer answer = tasks.answerOf(token);
        return answer.error() == null ? "{\"output\":" + answer.output() + "}" : error(new TaskError(answer.error(), answer.cause()));
    }

    /** The review link of the approval email in the outbox. */
    private String reviewLink(String runId) throws IOException {
        String email = Files.readString(stateDir.resolve("outbox").resolve(runId + "-approval-request.txt"));
        List<String> links = matches(email, "(" + java.util.regex.Pattern.quote(reviewServer.baseUrl()) + "/review/\\S+)");
        if (links.size() != 1) {
            throw new IllegalStateException("the approval email has " + links.size() + " review links: " + email);
        }
        return links.get(0);
    }

    private static List<String> matches(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The review endpoint on the RequestApproval handler's own beans (its key, approvals, documents, clock). */
    private synchronized ReviewEndpoint reviewEndpoint() {
        if (reviewEndpoint == null) {
            ApplicationContext context = handler("RequestApproval").getApplicationContext();
            DocumentCodec codec = context.getBean(DocumentCodec.class);
            reviewEndpoint = new ReviewEndpoint(context.getBean(LinkSigner.class), context.getBean(PendingApprovals.class), tasks,
                    new DocumentStore(context.getBean(ArtifactStore.class), codec), codec, context.getBean(Clock.class),
                    "123456789012 (demo)");
        }
        return reviewEndpoint;
    }

    private synchronized void record(String state, String itemId, String outcome) {
        invocations.add(new Invocation(state, itemId, outcome));
    }

    private static String error(TaskError error) throws IOException {
        return new String(JSON.writeValueAsBytes(Map.of("errorType", error.errorType(), "errorMessage",
                error.errorMessage())), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        reviewServer.close();
        executor.shutdownNow();
        synchronized (this) {
            for (MicronautRequestHandler<Object, Object> handler : handlers.values()) {
                handler.close();
            }
        }
    }
}
