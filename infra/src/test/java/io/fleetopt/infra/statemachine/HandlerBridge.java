package io.fleetopt.infra.statemachine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
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
import java.time.Instant;
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
 * state machine passes, on the demo account in {@code stateDir} or on whatever account {@link Configuration} points
 * the handlers at. Like a Lambda function, each handler has its own application context and serves one request at
 * a time. What the approver does is an {@link ApprovalDesk}: on the demo account, a scripted approver who decides on
 * the real review page ({@link ReviewPageApprover}); faults can be injected per call.
 */
public final class HandlerBridge implements AutoCloseable {

    /** What the approver does when RequestApproval has sent the email. */
    enum Approver { APPROVES_EVERYTHING, APPROVES_TWO, REJECTS, NEVER_ANSWERS }

    /** An error to answer instead of calling the handler (null: call it), e.g. a throttled Lambda. */
    @FunctionalInterface
    public interface Fault {
        TaskError before(String state, Map<String, Object> input);
    }

    /** The application context of a Task state's handler: the configuration its function is deployed with. */
    @FunctionalInterface
    public interface Configuration {
        ApplicationContextBuilder contextOf(String state);
    }

    /**
     * The approver's answer once RequestApproval has run, given the payload it was invoked with: the task's result
     * as the bridge answers it ({@code {"output": ...}}, an error, or {@code {"pending": true}}).
     */
    @FunctionalInterface
    public interface ApprovalDesk {
        String answer(Map<String, Object> payload) throws IOException;
    }

    /** Told, on the handling thread, when a Task state's handler starts and ends. */
    public interface Observer {
        void entering(String state);

        void left(String state);
    }

    public static final Fault NO_FAULT = (state, input) -> null;

    public record TaskError(String errorType, String errorMessage) {
    }

    /** One call of a Task state, with the item it was about (ApplyItem) and how it ended. */
    public record Invocation(String state, String itemId, String outcome) {
    }

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final Configuration configuration;
    private final ApprovalDesk approvalDesk;
    private final Fault fault;
    private final Observer observer;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, MicronautRequestHandler<Object, Object>> handlers = new HashMap<>();
    private final List<Invocation> invocations = new ArrayList<>();
    private ReviewPageApprover reviewPage;
    private final ArtifactStore artifacts;

    /** On the demo account in {@code stateDir}, with the scripted approver deciding on the review page. */
    HandlerBridge(Path stateDir, Map<String, Object> extraProperties, Approver approver, Fault fault) {
        this(stateDir, extraProperties, new ReviewPageApprover(stateDir, approver), fault);
    }

    private HandlerBridge(Path stateDir, Map<String, Object> extraProperties, ReviewPageApprover reviewPage, Fault fault) {
        this(demoAccount(stateDir, withReviewUrl(extraProperties, reviewPage.baseUrl())), reviewPage, fault, null,
                new io.fleetopt.core.local.DirectoryArtifactStore(stateDir.resolve("artifacts")));
        this.reviewPage = reviewPage;
        reviewPage.useBeansOf(() -> handler("RequestApproval").getApplicationContext());
    }

    /**
     * {@code artifacts} is the artifact store the handlers are configured with: where the emulated ItemReader and
     * ResultWriter of a Distributed Map read and write (see run-execution.mjs).
     */
    public HandlerBridge(Configuration configuration, ApprovalDesk approvalDesk, Fault fault, Observer observer,
                         ArtifactStore artifacts) {
        this.artifacts = artifacts;
        this.configuration = configuration;
        this.approvalDesk = approvalDesk;
        this.fault = fault;
        this.observer = observer;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the handler bridge on the loopback address", e);
        }
        server.createContext("/tasks/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    private static Configuration demoAccount(Path stateDir, Map<String, Object> extraProperties) {
        Map<String, Object> properties = new LinkedHashMap<>(extraProperties);
        properties.put("fleetopt.account", "demo");
        properties.put("fleetopt.state-dir", stateDir.toString());
        return state -> ApplicationContext.builder().properties(properties).deduceEnvironment(false);
    }

    /** RequestApproval links to the review page where {@code reviewUrl} serves it. */
    private static Map<String, Object> withReviewUrl(Map<String, Object> extraProperties, String reviewUrl) {
        Map<String, Object> properties = new LinkedHashMap<>(extraProperties);
        properties.put("fleetopt.approval.review-url", reviewUrl);
        return properties;
    }

    /** The approver never decides: the state's own timeout ends the wait. */
    public static String pending() {
        return "{\"pending\":true}";
    }

    /** As the review page's reject sends SendTaskFailure with Approval.Rejected. */
    public static String rejected() throws IOException {
        return error(new TaskError("Approval.Rejected", "the approver rejected the plan on the review page"));
    }

    /**
     * Stands in for the review page approving every applicable item, where the review endpoint cannot answer the
     * task itself (the moto end-to-end test: see docs/emulator-gaps.md): the Decision document it would write to
     * {@code store}, and the task result it would send (SendTaskSuccess).
     */
    @SuppressWarnings("unchecked")
    public static String approveEverything(Map<String, Object> payload, ArtifactStore store) throws IOException {
        Map<String, Object> run = (Map<String, Object>) payload.get("run");
        String runId = (String) run.get("runId");
        String planKey = (String) run.get("planKey");
        try (DocumentCodec codec = new DocumentCodec()) {
            Plan plan = codec.read(store.get(planKey).orElseThrow(), Plan.class, planKey);
            List<String> approved = plan.applicableItems().stream().map(Recommendation::id).toList();
            Decision decision = Decision.of(plan, approved, List.of(),
                    "approver@example.com (review page)", Instant.parse("2026-11-02T09:00:00Z"));
            // where the review endpoint writes its decisions (and the Distributed Map may read their items)
            String decisionKey = "runs/" + runId + "/decisions/review-page.json";
            Decision recorded = new io.fleetopt.core.port.DecisionWriter(store, codec).write(decisionKey, decision, plan, null);
            return "{\"output\":" + codec.writeLine(io.fleetopt.core.model.ApprovalOutput.of(decisionKey, recorded)) + "}";
        }
    }

    /** The item an ApplyItem call is about: its line's item (a Distributed Map iteration's input). */
    @SuppressWarnings("unchecked")
    public static String itemIdOf(Map<String, Object> input) {
        if (input.get("line") instanceof Map<?, ?> line && line.get("item") instanceof Map<?, ?> item
                && item.get("id") instanceof String id) {
            return id;
        }
        return input.get("itemId") instanceof String id ? id : null;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    public synchronized List<String> statesCalled() {
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
        if (state.endsWith(".ItemReader")) {
            return "{\"output\":" + new String(JSON.writeValueAsBytes(DistributedMapEmulation.readItems(artifacts, input)),
                    StandardCharsets.UTF_8) + "}";
        }
        if (state.endsWith(".ResultWriter")) {
            try {
                return "{\"output\":" + new String(JSON.writeValueAsBytes(DistributedMapEmulation.writeResults(artifacts,
                        state.substring(0, state.length() - ".ResultWriter".length()), input)), StandardCharsets.UTF_8) + "}";
            } catch (DistributedMapEmulation.ToleratedFailuresExceeded e) {
                return error(new TaskError("States.ExceedToleratedFailureThreshold", e.getMessage()));
            }
        }
        String itemId = itemIdOf(input);
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
            return approvalDesk.answer(JSON.readValue(payload, Argument.mapOf(String.class, Object.class)));
        }
        return "{\"output\":" + output + "}";
    }

    private String callHandler(String state, byte[] payload) throws IOException {
        // the observer is told before the handler is created: its start-up (a cold start) may call AWS already,
        // e.g. RequestApproval reads the review links' key
        if (observer != null) {
            observer.entering(state);
        }
        try {
            MicronautRequestHandler<Object, Object> handler = handler(state);
            synchronized (handler) {
                JsonMapper mapper = handler.getApplicationContext().getBean(JsonMapper.class);
                Object input = mapper.readValue(payload, Argument.of(inputType(handler)));
                Object output = handler.handleRequest(input, new LocalLambdaContext("fleetopt-" + state));
                return new String(mapper.writeValueAsBytes(output), StandardCharsets.UTF_8);
            }
        } finally {
            if (observer != null) {
                observer.left(state);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized MicronautRequestHandler<Object, Object> handler(String state) {
        return handlers.computeIfAbsent(state, name -> {
            StageFunction stage = FleetoptStack.FUNCTIONS.stream().filter(f -> f.state().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the stack deploys no function for the Task state " + name));
            try {
                Class<?> type = Class.forName(stage.handlerClass());
                ApplicationContextBuilder builder = configuration.contextOf(name);
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

    private synchronized void record(String state, String itemId, String outcome) {
        invocations.add(new Invocation(state, itemId, outcome));
    }

    static String error(TaskError error) throws IOException {
        return new String(JSON.writeValueAsBytes(Map.of("errorType", error.errorType(), "errorMessage",
                error.errorMessage())), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        if (reviewPage != null) {
            reviewPage.close();
        }
        executor.shutdownNow();
        synchronized (this) {
            for (MicronautRequestHandler<Object, Object> handler : handlers.values()) {
                handler.close();
            }
        }
    }
}
