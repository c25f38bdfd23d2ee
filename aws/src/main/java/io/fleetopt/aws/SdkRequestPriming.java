package io.fleetopt.aws;

import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Primes the SDK's request path: through each client a handler's init built, and a client of each other service
 * fleetopt calls that the jar holds, one request of each operation fleetopt calls on that service, each marked for {@link PrimingLoopback}, which sends it to a {@link LoopbackResponder} in
 * this JVM and refuses to send it anywhere else. Each request is built, its endpoint resolved, marshalled, signed,
 * sent over the client's HTTP client and its answer read, so the classes and lambdas of that path are loaded and
 * linked before the first real call needs them. Its required members (and those in the request's path) get placeholder values
 * ({@value #PLACEHOLDER}); no service is called and nothing is counted as the run's API calls. SnapStart's priming
 * hook runs it (io.fleetopt.aws.telemetry.SnapStartPriming), and tools/classlist records the classes it loads into
 * the jar's class list. A request that fails (the loopback's answer does not parse as the operation's response, or
 * the request cannot be built) only means less is primed: it is counted, never thrown; so is an operation whose
 * classes the jar leaves out.
 */
public final class SdkRequestPriming {

    static final String PLACEHOLDER = "fleetopt-priming";
    private static final Duration PER_REQUEST_LIMIT = Duration.ofSeconds(5);

    /** A service fleetopt calls: its client's name ({@link SdkClient#serviceName()}), interface and operations. */
    public record Service(String name, String client, List<String> operations) {
    }

    /**
     * The services fleetopt calls and the operations it calls on each, as the client's method names (infra's
     * AdaptersDeclareWhatTheyCallTest checks that every adapter's calls are here).
     */
    public static final List<Service> SERVICES = List.of(
            new Service("s3", "software.amazon.awssdk.services.s3.S3Client", List.of("getObject", "putObject", "listObjectsV2")),
            new Service("dynamodb", "software.amazon.awssdk.services.dynamodb.DynamoDbClient",
                    List.of("getItem", "putItem", "updateItem", "query")),
            new Service("lambda", "software.amazon.awssdk.services.lambda.LambdaClient", List.of("listFunctions", "getFunction",
                    "getFunctionConfiguration", "listTags", "getFunctionConcurrency", "getAccountSettings",
                    "getProvisionedConcurrencyConfig", "getFunctionEventInvokeConfig", "listAliases", "getAlias",
                    "listVersionsByFunction", "listProvisionedConcurrencyConfigs", "updateFunctionConfiguration",
                    "putFunctionConcurrency", "deleteFunctionConcurrency", "publishVersion", "updateAlias",
                    "putProvisionedConcurrencyConfig", "deleteProvisionedConcurrencyConfig")),
            new Service("logs", "software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient", List.of("describeLogGroups",
                    "putRetentionPolicy", "deleteRetentionPolicy", "startQuery", "getQueryResults", "filterLogEvents")),
            new Service("monitoring", "software.amazon.awssdk.services.cloudwatch.CloudWatchClient",
                    List.of("getMetricData", "listMetrics", "describeAlarms", "putMetricAlarm")),
            new Service("sns", "software.amazon.awssdk.services.sns.SnsClient", List.of("publish")),
            new Service("states", "software.amazon.awssdk.services.sfn.SfnClient",
                    List.of("sendTaskSuccess", "sendTaskFailure", "sendTaskHeartbeat")),
            new Service("secretsmanager", "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
                    List.of("getSecretValue")),
            new Service("ce", "software.amazon.awssdk.services.costexplorer.CostExplorerClient",
                    List.of("getCostAndUsage", "getCostAndUsageWithResources", "listCostAllocationTags")),
            new Service("tagging", "software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient",
                    List.of("getResources")),
            new Service("organizations", "software.amazon.awssdk.services.organizations.OrganizationsClient",
                    List.of("listAccountsForParent")));

    /**
     * What a priming did: requests answered by the loopback, those that failed (operation: cause), and the operations
     * whose classes the jar leaves out (a stage's jar is shrunk to what it calls: another stage's operations).
     */
    public record Result(int answered, List<String> failed, List<String> leftOut) {
    }

    private SdkRequestPriming() {
    }

    /**
     * Primes every client {@code clients} has built so far and, through clients of its settings built for this and
     * closed after it, every other service of {@link #SERVICES} whose client is on the class path: the clients a
     * stage builds at its first call (the collector's, Cost Explorer's).
     */
    public static Result prime(AwsClients clients) {
        List<SdkClient> built = clients.builtClients();
        try (AwsClients others = new AwsClients(clients.settings(), new ApiCallCounter())) {
            List<SdkClient> all = new ArrayList<>(built);
            List<String> unbuilt = new ArrayList<>();
            for (Service service : SERVICES) {
                if (built.stream().noneMatch(client -> client.serviceName().equals(service.name()))) {
                    try {
                        all.add(build(others, service));
                    } catch (Throwable e) {
                        // a client the jar has no classes for is one its stage does not call
                        if (!leftOutOfTheJar(e)) {
                            unbuilt.add(service.name() + ": its client could not be built: " + e);
                        }
                    }
                }
            }
            return prime(all, unbuilt);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SdkClient build(AwsClients clients, Service service) throws Throwable {
        if (service.name().equals("s3")) {
            return clients.s3();
        }
        Object builder = builderOf(Class.forName(service.client()), service.client() + "Builder");
        return (SdkClient) clients.build((AwsClientBuilder & AwsSyncClientBuilder) builder);
    }

    static Result prime(List<SdkClient> clients) {
        return prime(clients, List.of());
    }

    private static Result prime(List<SdkClient> clients, List<String> failedBefore) {
        List<String> failed = new ArrayList<>(failedBefore);
        List<String> leftOut = new ArrayList<>();
        try (LoopbackResponder responder = LoopbackResponder.start()) {
            for (SdkClient client : clients) {
                List<String> operations = SERVICES.stream().filter(service -> service.name().equals(client.serviceName()))
                        .findFirst().map(Service::operations).orElse(List.of());
                for (String operation : operations) {
                    try {
                        call(client, operation, responder.port());
                    } catch (Throwable e) {
                        if (leftOutOfTheJar(e)) {
                            leftOut.add(client.serviceName() + "." + operation);
                        } else {
                            failed.add(client.serviceName() + "." + operation + ": " + e);
                        }
                    }
                }
            }
            return new Result(responder.answered(), List.copyOf(failed), List.copyOf(leftOut));
        } catch (IOException e) {
            failed.add("the loopback responder: " + e);
            return new Result(0, List.copyOf(failed), List.copyOf(leftOut));
        }
    }

    /**
     * Whether a failure is the jar leaving out classes it needed (a stage's jar is shrunk to what it calls: another
     * stage's operations); a VM error (out of memory) is not a priming's to absorb and is thrown on.
     */
    private static boolean leftOutOfTheJar(Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        return e instanceof ClassNotFoundException || e instanceof NoClassDefFoundError;
    }

    /** {@code type.builder()}, found by its exact signature as the operations are ({@link Operation}). */
    private static Object builderOf(Class<?> type, String builderType) throws Throwable {
        return MethodHandles.publicLookup().findStatic(type, "builder",
                MethodType.methodType(Class.forName(builderType, false, type.getClassLoader()))).invoke();
    }

    private static void call(SdkClient client, String operation, int port) throws Throwable {
        Operation op = Operation.of(client, operation);
        Object builder = builderOf(op.request(), op.request().getName() + "$Builder");
        for (SdkField<?> field : ((SdkPojo) builder).sdkFields()) {
            boolean required = field.containsTrait(RequiredTrait.class)
                    || field.location() == MarshallLocation.PATH || field.location() == MarshallLocation.GREEDY_PATH;
            Object placeholder = required ? placeholder(field.marshallingType()) : null;
            if (placeholder != null) {
                field.set(builder, placeholder);
            }
        }
        ((AwsRequest.Builder) builder).overrideConfiguration(AwsRequestOverrideConfiguration.builder()
                .putExecutionAttribute(PrimingLoopback.PORT, port)
                .apiCallTimeout(PER_REQUEST_LIMIT)
                .build());
        SdkRequest request = (SdkRequest) ((SdkBuilder<?, ?>) builder).build();
        Object response = op.upload() ? op.method().invoke(client, request, RequestBody.fromString("{}"))
                : op.method().invoke(client, request);
        if (response instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * A client's method for an operation: {@code (Request)} or, for an upload, {@code (Request, RequestBody)}, found
     * by its exact signature: a jar shrunk to what fleetopt uses lacks types other methods of the client name (its
     * paginators), which listing the interface's methods would load.
     */
    private record Operation(Class<?> request, MethodHandle method, boolean upload) {

        static Operation of(SdkClient client, String operation) throws ReflectiveOperationException {
            for (Class<?> type : client.getClass().getInterfaces()) {
                if (!SdkClient.class.isAssignableFrom(type) || type == SdkClient.class) {
                    continue;
                }
                String model = type.getPackageName() + ".model." + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
                Class<?> request = Class.forName(model + "Request", false, type.getClassLoader());
                Class<?> response = Class.forName(model + "Response", false, type.getClassLoader());
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                for (Class<?> returned : List.of(response, ResponseInputStream.class)) {
                    try {
                        return new Operation(request, lookup.findVirtual(type, operation, MethodType.methodType(returned, request)), false);
                    } catch (NoSuchMethodException notThis) {
                        // an upload's, or a download's
                    }
                }
                return new Operation(request, lookup.findVirtual(type, operation,
                        MethodType.methodType(response, request, RequestBody.class)), true);
            }
            throw new NoSuchMethodException(client.serviceName() + " has no operation " + operation);
        }
    }

    private static Object placeholder(MarshallingType<?> type) {
        if (type == MarshallingType.STRING) {
            return PLACEHOLDER;
        }
        if (type == MarshallingType.INSTANT) {
            return Instant.EPOCH;
        }
        if (type == MarshallingType.INTEGER) {
            return 1;
        }
        if (type == MarshallingType.LONG) {
            return 1L;
        }
        if (type == MarshallingType.BOOLEAN) {
            return Boolean.FALSE;
        }
        if (type == MarshallingType.LIST) {
            return List.of();
        }
        if (type == MarshallingType.MAP) {
            return Map.of();
        }
        return null;
    }
}
