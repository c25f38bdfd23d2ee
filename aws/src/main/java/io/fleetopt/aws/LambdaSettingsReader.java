package io.fleetopt.aws;

import io.fleetopt.core.port.AliasRoute;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.FunctionSettingsReader;
import io.fleetopt.core.port.FunctionTrafficReader;
import io.fleetopt.core.port.RoutedVersion;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.ListTagsResponse;
import software.amazon.awssdk.services.lambda.model.LoggingConfig;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.lambda.model.TracingMode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads a function's live settings on AWS and changes nothing: GetFunctionConfiguration (memory, timeout, tracing,
 * revision id, log group), GetFunctionConcurrency (reserved concurrency), ListTags (the live tags, a skip tag
 * included) and DescribeLogGroups (the log group's retention); and where its invocations go: ListAliases and, for
 * each published version an alias routes to, GetFunctionConfiguration of that version (its settings and when it was
 * published). Each call goes to the region in the function's ARN. A failure AWS answers is typed where it is
 * caught, as the applier's writes are: throttling, a service or network error transient, the rest permanent.
 */
public final class LambdaSettingsReader implements FunctionSettingsReader, FunctionTrafficReader, AutoCloseable {

    /** The IAM actions this reader calls, all of them reads. */
    public static final List<String> IAM_ACTIONS = List.of("lambda:GetFunctionConfiguration", "lambda:GetFunctionConcurrency",
            "lambda:ListTags", "lambda:ListAliases", "logs:DescribeLogGroups");
    /** A bound on the pages of one listing (aliases, log groups by prefix): a function with more is an error, not a loop. */
    static final int MAX_PAGES = 20;
    /** Lambda's timestamps: 2026-11-02T06:00:00.000+0000. */
    private static final DateTimeFormatter LAMBDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final Function<String, LambdaClient> lambdaOfRegion;
    private final Function<String, CloudWatchLogsClient> logsOfRegion;
    private final Map<String, LambdaClient> lambdas = new ConcurrentHashMap<>();
    private final Map<String, CloudWatchLogsClient> logGroups = new ConcurrentHashMap<>();

    /** The clients of a region are built once, on first use, and closed with this reader. */
    public LambdaSettingsReader(Function<String, LambdaClient> lambdaOfRegion, Function<String, CloudWatchLogsClient> logsOfRegion) {
        this.lambdaOfRegion = lambdaOfRegion;
        this.logsOfRegion = logsOfRegion;
    }

    /** Building each region's clients with {@code clients} (which closes them). */
    public static LambdaSettingsReader of(AwsClients clients) {
        return new LambdaSettingsReader(region -> clients.inRegion(region).build(LambdaClient.builder()),
                region -> clients.inRegion(region).build(CloudWatchLogsClient.builder()));
    }

    @Override
    public FunctionSettings read(String functionArn) {
        String region = regionOf(functionArn);
        LambdaClient lambda = lambdas.computeIfAbsent(region, lambdaOfRegion);
        CloudWatchLogsClient logs = logGroups.computeIfAbsent(region, logsOfRegion);
        try {
            GetFunctionConfigurationResponse config = lambda.getFunctionConfiguration(r -> r.functionName(functionArn));
            GetFunctionConcurrencyResponse concurrency = lambda.getFunctionConcurrency(r -> r.functionName(functionArn));
            ListTagsResponse tags = lambda.listTags(r -> r.resource(functionArn));
            Integer retention = retentionOf(logs, logGroupName(config.functionName(), config.loggingConfig()));
            return new FunctionSettings(functionArn, config.revisionId(), config.memorySize(), config.timeout(),
                    concurrency.reservedConcurrentExecutions(), tracing(config), retention,
                    tags.hasTags() ? Map.copyOf(tags.tags()) : Map.of());
        } catch (ResourceNotFoundException e) {
            throw new FunctionNotFoundException(functionArn);
        } catch (SdkException e) {
            throw typed(e);
        }
    }

    @Override
    public List<AliasRoute> aliases(String functionArn) {
        LambdaClient lambda = lambdas.computeIfAbsent(regionOf(functionArn), lambdaOfRegion);
        try {
            List<AliasConfiguration> aliases = new ArrayList<>();
            String marker = null;
            int pages = 0;
            do {
                if (pages++ == MAX_PAGES) {
                    throw new ChangeFailedException("TooManyAliases", functionArn + " still had more aliases after "
                            + MAX_PAGES + " pages of ListAliases", false, null);
                }
                String from = marker;
                ListAliasesResponse page = lambda.listAliases(r -> r.functionName(functionArn).marker(from));
                aliases.addAll(page.aliases());
                marker = page.nextMarker();
            } while (marker != null && !marker.isEmpty());
            Map<String, RoutedVersion> versions = new HashMap<>();
            List<AliasRoute> routes = new ArrayList<>();
            for (AliasConfiguration alias : aliases) {
                List<RoutedVersion> routed = new ArrayList<>();
                Map<String, Double> additional = alias.routingConfig() == null || !alias.routingConfig().hasAdditionalVersionWeights()
                        ? Map.of() : alias.routingConfig().additionalVersionWeights();
                double others = additional.values().stream().mapToDouble(Double::doubleValue).sum();
                routed.add(version(lambda, functionArn, alias.functionVersion(), 1 - others, versions));
                additional.forEach((version, weight) -> routed.add(version(lambda, functionArn, version, weight, versions)));
                routes.add(new AliasRoute(alias.name(), routed));
            }
            return List.copyOf(routes);
        } catch (ResourceNotFoundException e) {
            throw new FunctionNotFoundException(functionArn);
        } catch (SdkException e) {
            throw typed(e);
        }
    }

    /** A routed version's frozen settings, read once per version. */
    private static RoutedVersion version(LambdaClient lambda, String functionArn, String version, double weight,
                                         Map<String, RoutedVersion> read) {
        RoutedVersion known = read.get(version);
        if (known == null) {
            GetFunctionConfigurationResponse config = lambda.getFunctionConfiguration(r -> r.functionName(functionArn).qualifier(version));
            known = new RoutedVersion(version, 1, RoutedVersion.LATEST.equals(version) ? null : lastModified(config.lastModified(), functionArn),
                    config.memorySize(), config.timeout(), tracing(config));
            read.put(version, known);
        }
        return new RoutedVersion(version, weight, known.lastModified(), known.memoryMb(), known.timeoutSeconds(), known.tracingMode());
    }

    private static Instant lastModified(String text, String functionArn) {
        try {
            return OffsetDateTime.parse(text, LAMBDA_TIME).toInstant();
        } catch (NullPointerException | DateTimeParseException e) {
            throw new ChangeFailedException("UnusableAnswer", "GetFunctionConfiguration of a version of " + functionArn
                    + " has LastModified \"" + text + "\", which is not a time", false, e);
        }
    }

    private static String tracing(GetFunctionConfigurationResponse config) {
        return config.tracingConfig() == null ? TracingMode.PASS_THROUGH.toString() : config.tracingConfig().modeAsString();
    }

    /** The retention of the log group named exactly {@code name}; null when it never expires or does not exist. */
    private static Integer retentionOf(CloudWatchLogsClient logs, String name) {
        String token = null;
        int pages = 0;
        do {
            if (pages++ == MAX_PAGES) {
                throw new ChangeFailedException("TooManyLogGroups", "log groups named like " + name + " still had more pages after "
                        + MAX_PAGES + " pages of DescribeLogGroups", false, null);
            }
            String from = token;
            DescribeLogGroupsResponse page = logs.describeLogGroups(r -> r.logGroupNamePrefix(name).nextToken(from));
            for (LogGroup group : page.logGroups()) {
                if (group.logGroupName().equals(name)) {
                    return group.retentionInDays();
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return null;
    }

    /** The function's custom log group if it has one, else the default /aws/lambda/NAME. */
    private static String logGroupName(String functionName, LoggingConfig logging) {
        return logging != null && logging.logGroup() != null ? logging.logGroup() : "/aws/lambda/" + functionName;
    }

    /** The region in arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME. */
    static String regionOf(String functionArn) {
        String[] parts = functionArn.split(":", 7);
        if (parts.length != 7 || !"lambda".equals(parts[2]) || parts[3].isEmpty() || !"function".equals(parts[5])) {
            throw new IllegalArgumentException("'" + functionArn + "' is not a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)");
        }
        return parts[3];
    }

    /** Transient or permanent, decided here from the SDK's exception type and status, never from its message. */
    static ChangeFailedException typed(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
                    ? service.getClass().getSimpleName() : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null || service.awsErrorDetails().errorMessage() == null
                    ? String.valueOf(service.getMessage()) : service.awsErrorDetails().errorMessage();
            boolean transientFailure = service.isThrottlingException() || service instanceof TooManyRequestsException
                    || service.statusCode() >= 500;
            return new ChangeFailedException(code, message, transientFailure, e);
        }
        return new ChangeFailedException(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), true, e);
    }

    @Override
    public void close() {
        lambdas.values().forEach(LambdaClient::close);
        logGroups.values().forEach(CloudWatchLogsClient::close);
        lambdas.clear();
        logGroups.clear();
    }
}
