package io.fleetopt.infra;

import io.fleetopt.applier.aws.LambdaFunctionConfigurator;
import io.fleetopt.applier.aws.LogRetentionWriter;
import io.fleetopt.applier.aws.FunctionConfigurationWriter;
import io.fleetopt.applier.aws.ReservedConcurrencyWriter;
import io.fleetopt.applier.aws.UpdateSettle;
import io.fleetopt.aws.DynamoDbChangeLedger;
import io.fleetopt.aws.DynamoDbRunLease;
import io.fleetopt.aws.LambdaSettingsReader;
import io.fleetopt.aws.S3ArtifactStore;
import io.fleetopt.aws.SdkRequestPriming;
import io.fleetopt.notifier.aws.CloudWatchAlarmPort;
import io.fleetopt.notifier.aws.DynamoDbPendingApprovals;
import io.fleetopt.notifier.aws.SecretsManagerLinkKey;
import io.fleetopt.notifier.aws.StepFunctionsTaskCallback;
import io.fleetopt.notifier.aws.CostExplorerCostHistory;
import io.fleetopt.notifier.aws.CloudWatchFunctionUsage;
import io.fleetopt.notifier.aws.S3PresignedReportLinks;
import io.fleetopt.notifier.aws.SnsMessageSender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each AWS adapter's declared IAM actions are exactly the SDK calls in its source, plus the few permissions a call
 * needs without being one (named below with the reason), so a new call cannot go undeclared and the stack cannot
 * grant what no code calls; and SnapStart's priming (SdkRequestPriming) sends each of those calls, so a restored
 * function finds its request path loaded. The collector's adapters have their own such test (ReadOnlyByConstructionTest).
 */
class AdaptersDeclareWhatTheyCallTest {

    private static final Pattern CLIENT_CALL =
            Pattern.compile("\\b(lambda|logs|s3|dynamo|sns|cloudWatch|costExplorer|presigner|secrets|sfn)\\s*\\.\\s*(\\w+)\\s*\\(");
    /**
     * A call the SDK makes for the adapter: an STS credentials provider ({@code StsAssumeRoleCredentialsProvider})
     * calls its operation (AssumeRole) when it resolves or refreshes the credentials.
     */
    private static final Pattern STS_PROVIDER = Pattern.compile("\\bSts(\\w+?)CredentialsProvider\\b");
    /** A presigned request is sent by its reader, with the signer's permission: presignGetObject needs s3:GetObject. */
    private static final Map<String, String> IAM_PREFIX = Map.of("lambda", "lambda", "logs", "logs", "s3", "s3",
            "dynamo", "dynamodb", "sns", "sns", "cloudWatch", "cloudwatch", "costExplorer", "ce", "presigner", "s3",
            "secrets", "secretsmanager", "sfn", "states");
    /** Permissions a call needs beyond its own action. */
    private static final Map<String, String> NEEDED_BY_A_CALL = Map.of(
            "lambda:ListTags", "GetFunction leaves the tags out without it",
            "s3:ListBucket", "GetObject of a missing key answers NoSuchKey only with it (AccessDenied otherwise)",
            "cloudwatch:TagResource", "PutMetricAlarm with tags needs it",
            "s3:GetObjectVersion", "GetObject of one version (a decision's pinned items) is authorized as GetObjectVersion");

    /** The SDK's service name ({@code SdkClient.serviceName()}) of each client in CLIENT_CALL; a presigner sends nothing. */
    private static final Map<String, String> SERVICE_NAME = Map.of("lambda", "lambda", "logs", "logs", "s3", "s3",
            "dynamo", "dynamodb", "sns", "sns", "cloudWatch", "monitoring", "costExplorer", "ce", "secrets", "secretsmanager",
            "sfn", "states");

    record Adapter(String module, Class<?> type, Collection<String> declared) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<Adapter> adapters() {
        return Stream.of(
                new Adapter("applier", LambdaFunctionConfigurator.class, LambdaFunctionConfigurator.OWN_IAM_ACTIONS),
                new Adapter("applier", FunctionConfigurationWriter.class, FunctionConfigurationWriter.OWN_IAM_ACTIONS),
                new Adapter("applier", ReservedConcurrencyWriter.class, ReservedConcurrencyWriter.IAM_ACTIONS),
                new Adapter("applier", LogRetentionWriter.class, LogRetentionWriter.IAM_ACTIONS),
                new Adapter("applier", UpdateSettle.class, UpdateSettle.IAM_ACTIONS),
                new Adapter("applier", io.fleetopt.applier.aws.LambdaAliasRouter.class, io.fleetopt.applier.aws.LambdaAliasRouter.IAM_ACTIONS),
                new Adapter("applier", io.fleetopt.applier.aws.SnsRollbackNotices.class,
                        io.fleetopt.applier.aws.SnsRollbackNotices.IAM_ACTIONS),
                new Adapter("aws", S3ArtifactStore.class, Stream.of(S3ArtifactStore.READ_IAM_ACTIONS,
                        S3ArtifactStore.READ_VERSION_IAM_ACTIONS, S3ArtifactStore.WRITE_IAM_ACTIONS).flatMap(List::stream).toList()),
                new Adapter("aws", DynamoDbChangeLedger.class, Stream.of(DynamoDbChangeLedger.APPEND_IAM_ACTIONS,
                        DynamoDbChangeLedger.READ_IAM_ACTIONS).flatMap(List::stream).toList()),
                new Adapter("aws", DynamoDbRunLease.class, DynamoDbRunLease.IAM_ACTIONS),
                new Adapter("aws", LambdaSettingsReader.class, LambdaSettingsReader.IAM_ACTIONS),
                new Adapter("aws", io.fleetopt.aws.MemberRole.class, io.fleetopt.aws.MemberRole.IAM_ACTIONS),
                new Adapter("notifier", SnsMessageSender.class, SnsMessageSender.IAM_ACTIONS),
                new Adapter("notifier", CloudWatchAlarmPort.class, CloudWatchAlarmPort.IAM_ACTIONS),
                new Adapter("notifier", CostExplorerCostHistory.class, CostExplorerCostHistory.IAM_ACTIONS),
                new Adapter("notifier", CloudWatchFunctionUsage.class, CloudWatchFunctionUsage.IAM_ACTIONS),
                new Adapter("notifier", S3PresignedReportLinks.class, S3PresignedReportLinks.IAM_ACTIONS),
                new Adapter("notifier", DynamoDbPendingApprovals.class, Stream.of(DynamoDbPendingApprovals.OPEN_IAM_ACTIONS,
                        DynamoDbPendingApprovals.REVIEW_IAM_ACTIONS).flatMap(List::stream).toList()),
                new Adapter("notifier", SecretsManagerLinkKey.class, SecretsManagerLinkKey.IAM_ACTIONS),
                new Adapter("notifier", StepFunctionsTaskCallback.class, StepFunctionsTaskCallback.IAM_ACTIONS));
    }

    /** The service.operation calls in the code that SdkRequestPriming.SERVICES does not list. */
    private static Set<String> unprimed(String code) {
        Set<String> unprimed = new TreeSet<>();
        Matcher call = CLIENT_CALL.matcher(code);
        while (call.find()) {
            String operation = call.group(2).replace("Paginator", "").replace("AsBytes", "");
            String service = SERVICE_NAME.get(call.group(1));
            if (service != null && !operation.equals("close") && SdkRequestPriming.SERVICES.stream()
                    .noneMatch(s -> s.name().equals(service) && s.operations().contains(operation))) {
                unprimed.add(service + "." + operation);
            }
        }
        return unprimed;
    }

    @ParameterizedTest(name = "{0} declares exactly what it calls")
    @MethodSource("adapters")
    void declaresExactlyTheActionsItsCallsNeed(Adapter adapter) throws IOException {
        Path source = SynthesizedStack.repoRoot().resolve(adapter.module()).resolve("src/main/java")
                .resolve(adapter.type().getName().replace('.', '/') + ".java");
        Set<String> called = new TreeSet<>();
        String code = Files.readString(source);
        Matcher provider = STS_PROVIDER.matcher(code);
        while (provider.find()) {
            called.add("sts:" + provider.group(1));
        }
        Matcher call = CLIENT_CALL.matcher(code);
        while (call.find()) {
            String operation = call.group(2).replace("Paginator", "").replace("AsBytes", "").replaceFirst("^presign", "");
            if (!operation.equals("close")) {
                called.add(IAM_PREFIX.get(call.group(1)) + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
            }
        }
        Set<String> declared = new TreeSet<>(adapter.declared());
        assertEquals(Set.of(), unprimed(code), adapter + " calls operations SnapStart's priming (SdkRequestPriming.SERVICES) does not");
        Set<String> expected = new TreeSet<>(called);
        declared.stream().filter(NEEDED_BY_A_CALL::containsKey).forEach(expected::add);
        assertEquals(expected, declared, adapter + " calls " + called);
    }
}
