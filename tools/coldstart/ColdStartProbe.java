import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One Lambda-style cold start of a stage handler, in this fresh JVM: construct the handler (its init: the Micronaut
 * context), then its first {@code handleRequest} on the input file's JSON. With {@code --primed}, the handler's
 * SnapStart priming hook ({@code beforeCheckpoint}) runs after the init and before the invocation, as SnapStart runs
 * it before taking the snapshot (the JVM here has no CRaC: the hook is called directly, and no snapshot is taken
 * or restored, so the first call's time is what a restored function still pays for its first call, without the
 * restore itself). Prints one JSON line of timings (ms) and writes the output JSON beside.
 *
 * <p>With {@code --init-only} (the run script sets {@code FLEETOPT_ACCOUNT=aws}, as on Lambda), only the init: the
 * handler's context with the AWS adapters, its SDK clients built (no call is made at init); it prints the init's
 * time, the classes loaded and the services of the SDK clients built.
 *
 * <p>Usage: {@code java -cp LAUNCH_DIR CustomerClassLoaderLaunch STAGE_CLASSPATH PROBE_DIR HANDLER_CLASS INPUT.json
 * OUTPUT.json [--primed|--init-only]} (this class and the stage's loaded by a class loader like Lambda's).
 */
public final class ColdStartProbe {

    public static void main(String[] args) throws Exception {
        Instant mainAt = Instant.now();
        Instant jvmStart = ProcessHandle.current().info().startInstant().orElse(mainAt);
        String handlerClass = args[0];
        byte[] input = Files.readAllBytes(Path.of(args[1]));
        boolean primed = args.length > 3 && args[3].equals("--primed");
        boolean initOnly = args.length > 3 && args[3].equals("--init-only");

        long t0 = System.nanoTime();
        Class<?> type = Class.forName(handlerClass);
        Object handler = type.getConstructor().newInstance();
        long initNanos = System.nanoTime() - t0;
        if (initOnly) {
            Object clients = invoke(invoke(handler, "getApplicationContext"), "getBean", Class.forName("io.fleetopt.aws.AwsClients"));
            System.out.printf("{\"handler\":\"%s\",\"initOnly\":true,\"initMs\":%d,\"classesLoaded\":%d,\"clients\":\"%s\"}%n",
                    type.getSimpleName(), initNanos / 1_000_000, ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(),
                    String.join(" ", (java.util.List<String>) invoke(clients, "builtServices")));
            System.exit(0);
        }

        long primeNanos = 0;
        if (primed) {
            long p0 = System.nanoTime();
            Object priming = invoke(invoke(handler, "getApplicationContext"), "getBean",
                    Class.forName("io.fleetopt.aws.telemetry.SnapStartPriming"));
            priming.getClass().getMethod("beforeCheckpoint", Class.forName("org.crac.Context")).invoke(priming, new Object[] {null});
            primeNanos = System.nanoTime() - p0;
        }

        long i0 = System.nanoTime();
        Object mapper = invoke(invoke(handler, "getApplicationContext"), "getBean", Class.forName("io.micronaut.json.JsonMapper"));
        Type inputType = inputType(type);
        Object argument = Class.forName("io.micronaut.core.type.Argument").getMethod("of", Type.class).invoke(null, inputType);
        Object request = mapper.getClass().getMethod("readValue", byte[].class, Class.forName("io.micronaut.core.type.Argument"))
                .invoke(mapper, input, argument);
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> lambda = (RequestHandler<Object, Object>) handler;
        Object response = lambda.handleRequest(request, context(type.getSimpleName()));
        byte[] output = (byte[]) mapper.getClass().getMethod("writeValueAsBytes", Object.class).invoke(mapper, response);
        long invokeNanos = System.nanoTime() - i0;
        Files.write(Path.of(args[2]), output);

        long processCpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.printf("{\"handler\":\"%s\",\"primed\":%s,\"jvmToMainMs\":%d,\"initMs\":%d,\"primeMs\":%d,"
                        + "\"firstInvokeMs\":%d,\"initPlusFirstInvokeMs\":%d,\"processCpuMs\":%d,\"classesLoaded\":%d}%n",
                type.getSimpleName(), primed, Duration.between(jvmStart, mainAt).toMillis(), initNanos / 1_000_000,
                primeNanos / 1_000_000, invokeNanos / 1_000_000, (initNanos + invokeNanos) / 1_000_000,
                processCpuNanos / 1_000_000, ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        System.exit(0);
    }

    private static Object invoke(Object target, String method, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length && accepts(m, args)) {
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(method);
    }

    private static boolean accepts(Method method, Object[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] != null && !method.getParameterTypes()[i].isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Type inputType(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType p
                    && p.getRawType().getTypeName().equals("io.micronaut.function.aws.MicronautRequestHandler")) {
                return p.getActualTypeArguments()[0];
            }
        }
        throw new IllegalArgumentException(handler + " is not a MicronautRequestHandler");
    }

    private static Context context(String name) {
        String function = "fleetopt-" + name.replace("Handler", "");
        LambdaLogger logger = new LambdaLogger() {
            public void log(String message) {
                System.err.print(message);
            }

            public void log(byte[] message) {
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };
        return (Context) Proxy.newProxyInstance(ColdStartProbe.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> "coldstart-1";
                    case "getFunctionName" -> function;
                    case "getFunctionVersion" -> "1";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:123456789012:function:" + function + ":live";
                    case "getLogGroupName" -> "/aws/lambda/" + function;
                    case "getLogStreamName" -> "coldstart";
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "getLogger" -> logger;
                    case "toString" -> "ColdStartContext[" + function + "]";
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
