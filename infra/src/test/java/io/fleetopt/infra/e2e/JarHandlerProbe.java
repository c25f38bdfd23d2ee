package io.fleetopt.infra.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.fleetopt.aws.ClassPreloading;
import io.fleetopt.aws.telemetry.SnapStartPriming;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The main class of a child JVM whose class path is one stage's shaded Lambda jar and this class alone (see
 * {@link StageJarsRunTest}): as Lambda's Java runtime does, it constructs the handler (its init: the Micronaut context
 * from the environment variables) and, given an input file, calls {@code handleRequest} once on its JSON and writes
 * the output JSON. Without an input, the handler is only constructed. Any failure exits non-zero with its stack trace.
 * It then says how many classes of its jar's class list the handler's ClassPreloading loaded, and its last line gives
 * the init's time (from loading the handler's class to its constructor's end) and the first
 * call's (reading the input JSON to writing the output's), for {@link StageJarsRunTest}'s cold-start table.
 *
 * With {@code --primed}, SnapStart's priming hook (the context's SnapStartPriming, its {@code beforeCheckpoint}) runs
 * between the init and the call, as Lambda runs them before it snapshots a version: the call is then what a restored
 * function's first call pays (the restore itself is not: this JVM has no CRaC).
 *
 * <p>Usage: {@code java -cp STAGE-lambda.jar:DIR io.fleetopt.infra.e2e.JarHandlerProbe HANDLER [INPUT.json OUTPUT.json [--primed]]}
 */
public final class JarHandlerProbe {

    private JarHandlerProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        long initNanos;
        long callNanos = 0;
        long callCpuNanos = 0;
        long callClasses = 0;
        long primingNanos = 0;
        boolean primed = args.length > 3 && args[3].equals("--primed");
        ClassPreloading preloading;
        try (MicronautRequestHandler<Object, Object> handler =
                     (MicronautRequestHandler<Object, Object>) type.getConstructor().newInstance()) {
            initNanos = System.nanoTime() - started;
            preloading = handler.getApplicationContext().findBean(ClassPreloading.class).orElse(null);
            if (primed) {
                // SnapStart's priming hook, as Lambda runs it before it takes the snapshot (a JVM without CRaC keeps
                // no registration with the global context: the hook is called directly)
                long priming = System.nanoTime();
                handler.getApplicationContext().getBean(SnapStartPriming.class).beforeCheckpoint(null);
                primingNanos = System.nanoTime() - priming;
            }
            if (args.length > 1) {
                long cpuBefore = processCpuNanos();
                long classesBefore = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
                long called = System.nanoTime();
                JsonMapper mapper = handler.getApplicationContext().getBean(JsonMapper.class);
                Object request = mapper.readValue(Files.readAllBytes(Path.of(args[1])), Argument.of(inputType(type)));
                Object response = handler.handleRequest(request, context("fleetopt-" + type.getSimpleName().replace("Handler", "")));
                Files.write(Path.of(args[2]), mapper.writeValueAsBytes(response));
                callNanos = System.nanoTime() - called;
                callCpuNanos = processCpuNanos() - cpuBefore;
                callClasses = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classesBefore;
            }
        }
        System.out.println("JarHandlerProbe: " + type.getName() + (args.length > 1 ? " invoked" : " constructed"));
        if (preloading != null && preloading.awaitLoaded(Duration.ofSeconds(30))) {
            System.out.println("JarHandlerProbe preloading: " + preloading.loaded() + " of " + preloading.listed()
                    + " listed classes loaded, " + preloading.passedOver() + " passed over");
        }
        System.out.println("JarHandlerProbe timings: init " + initNanos / 1_000_000 + " ms"
                + (primed ? ", priming hook " + primingNanos / 1_000_000 + " ms" : "")
                + (args.length > 1 ? ", first call " + callNanos / 1_000_000 + " ms, together " + (initNanos + callNanos) / 1_000_000
                + " ms; first call's JVM CPU " + callCpuNanos / 1_000_000 + " ms, classes loaded " + callClasses : ""));
        System.exit(0);
    }

    /** The CPU time of this JVM's threads together (the JIT's and the GC's too). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Type inputType(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType p && p.getRawType() == MicronautRequestHandler.class) {
                return p.getActualTypeArguments()[0];
            }
        }
        throw new IllegalArgumentException(handler + " is not a MicronautRequestHandler");
    }

    private static Context context(String function) {
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };
        return (Context) Proxy.newProxyInstance(JarHandlerProbe.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> "jar-probe-1";
                    case "getFunctionName" -> function;
                    case "getFunctionVersion" -> "1";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:123456789012:function:" + function + ":live";
                    case "getLogGroupName" -> "/aws/lambda/" + function;
                    case "getLogStreamName" -> "jar-probe";
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "getLogger" -> logger;
                    case "toString" -> "JarHandlerProbeContext[" + function + "]";
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
