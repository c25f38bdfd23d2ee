package io.fleetopt.infra.e2e;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The test's own view of moto's emulated account: SDK v2 clients pointed at it, and the seeding of what a deployed
 * fleetopt finds there (the fleet, the artifact bucket, the ledger and approvals tables, the review links' key, the
 * topics with an SQS subscriber each).
 */
final class EmulatedAccount implements AutoCloseable {

    static final String ROLE_NAME = "fleet-function-role";

    final LambdaClient lambda;
    final CloudWatchLogsClient logs;
    final CloudWatchClient cloudWatch;
    final S3Client s3;
    final DynamoDbClient dynamo;
    final SnsClient sns;
    final SqsClient sqs;
    final SecretsManagerClient secrets;
    private final IamClient iam;
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** An access key of an IAM user of the emulated account. */
    record AccessKey(String id, String secret) {

        static final AccessKey UNCHECKED = new AccessKey("test", "test");

        StaticCredentialsProvider provider() {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
        }
    }

    private final URI endpoint;
    private final AccessKey key;

    private final String accountId;
    private final String region;

    /** Clients signing with {@code key} ({@link AccessKey#UNCHECKED} while moto does not check IAM). */
    EmulatedAccount(URI endpoint, AccessKey key) {
        this(endpoint, key, null, MotoServer.REGION);
    }

    /**
     * Clients of another emulated account and region: moto keeps its state per account id, and takes a request's
     * account from its {@code x-moto-account-id} header (seeding, before moto checks IAM) or else from the access key
     * (a user created in that account). {@code accountId} null: the key's account.
     */
    EmulatedAccount(URI endpoint, AccessKey key, String accountId, String region) {
        this.endpoint = endpoint;
        this.key = key;
        this.accountId = accountId;
        this.region = region;
        lambda = client(LambdaClient.builder(), endpoint);
        logs = client(CloudWatchLogsClient.builder(), endpoint);
        cloudWatch = client(CloudWatchClient.builder(), endpoint);
        s3 = client(S3Client.builder().forcePathStyle(true), endpoint);
        dynamo = client(DynamoDbClient.builder(), endpoint);
        sns = client(SnsClient.builder(), endpoint);
        sqs = client(SqsClient.builder(), endpoint);
        secrets = client(SecretsManagerClient.builder(), endpoint);
        iam = client(IamClient.builder().region(Region.AWS_GLOBAL), endpoint);
    }

    private <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C extends AutoCloseable> C client(
            B builder, URI endpoint) {
        builder.endpointOverride(endpoint)
                .credentialsProvider(key.provider())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (accountId != null) {
            builder.overrideConfiguration(o -> o.putHeader("x-moto-account-id", accountId));
        }
        if (!(builder instanceof software.amazon.awssdk.services.iam.IamClientBuilder)) {
            builder.region(Region.of(region));
        }
        C client = builder.build();
        clients.add(client);
        return client;
    }

    /** The functions, their log groups (REPORT lines where that is their evidence) and 14 days of metrics. */
    void seedFleet(List<SeedFunction> fleet, Instant now) {
        // IAM is global: a fleet seeded in a second region of the account uses the role the first one created
        String role = iam.listRoles().roles().stream().filter(r -> r.roleName().equals(ROLE_NAME)).map(r -> r.arn()).findFirst()
                .orElseGet(() -> iam.createRole(r -> r.roleName(ROLE_NAME).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn());
        // AWS publishes the Lambda Insights extension from its own account; moto has no such layer, so a stand-in of
        // the same name is published here (the collector recognizes Insights by the layer's name)
        String insightsLayer = lambda.publishLayerVersion(r -> r.layerName("LambdaInsightsExtension")
                .content(c -> c.zipFile(SdkBytes.fromByteArray(zip("LambdaInsightsExtension"))))).layerVersionArn();
        for (SeedFunction f : fleet) {
            seed(f, role, insightsLayer, LocalDate.ofInstant(now, ZoneOffset.UTC));
        }
    }

    /** One more function, after {@link #seedFleet} (its role and the Insights stand-in layer exist by then). */
    void seedFunction(SeedFunction f, Instant now) {
        String role = iam.getRole(r -> r.roleName(ROLE_NAME)).role().arn();
        String insightsLayer = lambda.listLayerVersions(r -> r.layerName("LambdaInsightsExtension")).layerVersions().get(0)
                .layerVersionArn();
        seed(f, role, insightsLayer, LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    private void seed(SeedFunction f, String role, String insightsLayer, LocalDate today) {
        List<String> layers = f.memoryEvidence() == SeedFunction.Evidence.LAMBDA_INSIGHTS ? List.of(insightsLayer) : List.of();
        lambda.createFunction(r -> r.functionName(f.name()).runtime(Runtime.JAVA21).role(role).layers(layers)
                .handler("example.Handler::handleRequest").architectures(Architecture.X86_64)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip(f.name()))))
                .memorySize(f.memoryMb()).timeout(f.timeoutSeconds())
                .tracingConfig(t -> t.mode(f.tracingMode()))
                .environment(e -> e.variables(Map.of("OWNER", "team-" + f.name())))
                .tags(f.tags()));
        if (f.reservedConcurrency() != null) {
            lambda.putFunctionConcurrency(r -> r.functionName(f.name()).reservedConcurrentExecutions(f.reservedConcurrency()));
        }
        logs.createLogGroup(r -> r.logGroupName(f.logGroupName()).tags(f.tags()));
        if (f.logRetentionDays() != null) {
            logs.putRetentionPolicy(r -> r.logGroupName(f.logGroupName()).retentionInDays(f.logRetentionDays()));
        }
        if (f.memoryEvidence() == SeedFunction.Evidence.REPORT_LINES) {
            putReportLines(f, today);
        }
        putMetrics(f, today);
    }

    /**
     * Publishes the function's {@code $LATEST} as a version and points {@code alias} at it (as a deploy with SAM's
     * AutoPublishAlias or CDK's currentVersion leaves it, minus their tags); answers the version.
     */
    String publishWithAlias(String function, String alias) {
        String version = lambda.publishVersion(r -> r.functionName(function)).version();
        lambda.createAlias(r -> r.functionName(function).name(alias).functionVersion(version));
        return version;
    }

    /**
     * Every invocation of the seeded days went through {@code alias}: Lambda's Invocations with the {@code FunctionName}
     * and {@code Resource} ({@code name:alias}) dimensions, beside the function's own (as Lambda publishes both), in the
     * order the collector asks for them.
     */
    void putInvocationsThrough(SeedFunction f, String alias, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int daysAgo = f.daysOfTraffic(); daysAgo >= 1; daysAgo--) {
            Instant noon = today.minusDays(daysAgo).atTime(12, 0).toInstant(ZoneOffset.UTC);
            MetricDatum invocations = MetricDatum.builder().metricName("Invocations").timestamp(noon)
                    .value((double) f.dailyInvocations()).unit(StandardUnit.COUNT)
                    .dimensions(Dimension.builder().name("FunctionName").value(f.name()).build(),
                            Dimension.builder().name("Resource").value(f.name() + ":" + alias).build())
                    .build();
            cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda").metricData(invocations));
        }
    }

    /** Removes a function {@link #seedFunction} added: the function with its versions and aliases, its log group, its alarms. */
    void removeFunction(SeedFunction f) {
        lambda.deleteFunction(r -> r.functionName(f.name()));
        logs.deleteLogGroup(r -> r.logGroupName(f.logGroupName()));
        List<String> alarms = cloudWatch.describeAlarmsPaginator(r -> r.alarmNamePrefix("fleetopt-")).metricAlarms().stream()
                .filter(a -> a.dimensions().stream().anyMatch(d -> d.name().equals("FunctionName") && d.value().equals(f.name())))
                .map(a -> a.alarmName()).toList();
        if (!alarms.isEmpty()) {
            cloudWatch.deleteAlarms(r -> r.alarmNames(alarms));
        }
    }

    /** One REPORT line at noon of each day with traffic, the last one using the most memory. */
    private void putReportLines(SeedFunction f, LocalDate today) {
        logs.createLogStream(r -> r.logGroupName(f.logGroupName()).logStreamName("2026/instance-1"));
        List<InputLogEvent> events = new ArrayList<>();
        for (int daysAgo = Math.min(f.daysOfTraffic(), 13); daysAgo >= 1; daysAgo--) {
            int used = daysAgo == 1 ? f.maxMemoryUsedMb() : f.maxMemoryUsedMb() * 3 / 4;
            long at = today.minusDays(daysAgo).atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
            events.add(InputLogEvent.builder().timestamp(at).message(String.format(
                    "REPORT RequestId: %08d-0000-4000-8000-000000000000\tDuration: %.2f ms\tBilled Duration: %d ms\t"
                            + "Memory Size: %d MB\tMax Memory Used: %d MB\t", daysAgo, f.averageDurationMs(),
                    (long) Math.ceil(f.averageDurationMs()), f.memoryMb(), used)).build());
        }
        logs.putLogEvents(r -> r.logGroupName(f.logGroupName()).logStreamName("2026/instance-1").logEvents(events));
    }

    /**
     * A day's datapoints at whole seconds (noon, UTC) of each day with traffic: invocations, no errors or throttles,
     * three durations (whose average, maximum and p99 are the seed's), the peak concurrency, and Lambda Insights'
     * memory and CPU where that is the function's evidence.
     */
    private void putMetrics(SeedFunction f, LocalDate today) {
        double low = (3 * f.averageDurationMs() - f.maxDurationMs()) / 2;
        for (int daysAgo = f.daysOfTraffic(); daysAgo >= 1; daysAgo--) {
            Instant noon = today.minusDays(daysAgo).atTime(12, 0).toInstant(ZoneOffset.UTC);
            List<MetricDatum> lambdaMetrics = new ArrayList<>(List.of(
                    datum("Invocations", "FunctionName", f.name(), noon, f.dailyInvocations(), StandardUnit.COUNT),
                    datum("Errors", "FunctionName", f.name(), noon, 0, StandardUnit.COUNT),
                    datum("Throttles", "FunctionName", f.name(), noon, 0, StandardUnit.COUNT),
                    datum("Duration", "FunctionName", f.name(), noon, low, StandardUnit.MILLISECONDS),
                    datum("Duration", "FunctionName", f.name(), noon.plusSeconds(1), low, StandardUnit.MILLISECONDS),
                    datum("Duration", "FunctionName", f.name(), noon.plusSeconds(2), f.maxDurationMs(), StandardUnit.MILLISECONDS),
                    datum("ConcurrentExecutions", "FunctionName", f.name(), noon, 5, StandardUnit.COUNT)));
            cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda").metricData(lambdaMetrics));
            if (f.memoryEvidence() == SeedFunction.Evidence.LAMBDA_INSIGHTS) {
                cloudWatch.putMetricData(r -> r.namespace("LambdaInsights").metricData(
                        datum("used_memory_max", "function_name", f.name(), noon, f.maxMemoryUsedMb(), StandardUnit.MEGABYTES),
                        datum("cpu_total_time", "function_name", f.name(), noon, f.averageDurationMs() / 10, StandardUnit.MILLISECONDS)));
            }
        }
    }

    private static MetricDatum datum(String metric, String dimension, String function, Instant at, double value, StandardUnit unit) {
        return MetricDatum.builder().metricName(metric).timestamp(at).value(value).unit(unit)
                .dimensions(Dimension.builder().name(dimension).value(function).build()).build();
    }

    /** A user whose identity policy is {@code policyJson}, and its access key. */
    AccessKey userWithPolicy(String user, String policyJson) {
        iam.createUser(r -> r.userName(user));
        iam.putUserPolicy(r -> r.userName(user).policyName(user + "-policy").policyDocument(policyJson));
        var created = iam.createAccessKey(r -> r.userName(user)).accessKey();
        return new AccessKey(created.accessKeyId(), created.secretAccessKey());
    }

    /** A role of this account with its trust policy and one inline policy; answers its ARN. */
    String roleWithPolicy(String role, String trustPolicyJson, String policyJson) {
        String arn = iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(trustPolicyJson)).role().arn();
        iam.putRolePolicy(r -> r.roleName(role).policyName(role + "-policy").policyDocument(policyJson));
        return arn;
    }

    /** From now on moto checks every request's signature and its action against the caller's identity policy. */
    void enforceIam() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            endpoint.resolve("/moto-api/reset-auth")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("0")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto refused to check IAM: " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach moto's reset-auth endpoint", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    void createBucket(String bucket) {
        s3.createBucket(r -> r.bucket(bucket));
    }

    /** The review links' key as the stack generates it (a 64-character secret string); answers the secret's ARN. */
    String createLinkKey(String name) {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        String key = java.util.HexFormat.of().formatHex(bytes);
        return secrets.createSecret(r -> r.name(name).secretString(key)).arn();
    }

    /** A table (the ledger, the approvals) with the key schema, indexes and billing mode the CDK app's template gives it. */
    @SuppressWarnings("unchecked")
    void createTable(String table, Map<String, Object> templateProperties) {
        List<Map<String, Object>> keys = (List<Map<String, Object>>) templateProperties.get("KeySchema");
        List<Map<String, Object>> attributes = (List<Map<String, Object>>) templateProperties.get("AttributeDefinitions");
        List<Map<String, Object>> indexes = (List<Map<String, Object>>) templateProperties.getOrDefault("GlobalSecondaryIndexes", List.of());
        dynamo.createTable(r -> {
            r.tableName(table)
                    .billingMode(String.valueOf(templateProperties.get("BillingMode")))
                    .keySchema(keySchema(keys))
                    .attributeDefinitions(attributes.stream().map(a -> AttributeDefinition.builder()
                            .attributeName((String) a.get("AttributeName")).attributeType((String) a.get("AttributeType")).build()).toList());
            if (!indexes.isEmpty()) { // DynamoDB refuses an empty list of indexes
                r.globalSecondaryIndexes(indexes.stream().map(i -> GlobalSecondaryIndex.builder()
                        .indexName((String) i.get("IndexName"))
                        .keySchema(keySchema((List<Map<String, Object>>) i.get("KeySchema")))
                        .projection(Projection.builder().projectionType(String.valueOf(
                                ((Map<String, Object>) i.get("Projection")).get("ProjectionType"))).build())
                        .build()).toList());
            }
        });
    }

    private static List<KeySchemaElement> keySchema(List<Map<String, Object>> keys) {
        return keys.stream().map(k -> KeySchemaElement.builder().attributeName((String) k.get("AttributeName"))
                .keyType((String) k.get("KeyType")).build()).toList();
    }

    /** A topic and the SQS queue subscribed to it, which receives what is published there. */
    record Subscribed(String topicArn, String queueUrl) {
    }

    Subscribed topicWithSubscriber(String name) {
        String topicArn = sns.createTopic(r -> r.name(name)).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName(name + "-subscriber")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return new Subscribed(topicArn, queueUrl);
    }

    /** Everything delivered to a queue so far (SNS's JSON envelopes), read and deleted. */
    List<String> drain(String queueUrl) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message m : messages) {
                bodies.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private static byte[] zip(String name) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("example/Handler.class"));
            zip.write(("stand-in code of " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close an SDK client", e);
            }
        }
    }
}
