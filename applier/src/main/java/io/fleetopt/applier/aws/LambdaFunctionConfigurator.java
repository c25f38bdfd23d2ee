package io.fleetopt.applier.aws;

import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.RevisionConflictException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.ListTagsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TracingMode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The function configurator on AWS. Reads a function with GetFunction (configuration, reserved concurrency), its
 * tags with ListTags (GetFunction leaves them out without that permission, and a skip tag must never go unseen) and
 * its log group's retention; writes a change through its kind's writer ({@link LambdaSettingWriters}: memory, timeout
 * and tracing with UpdateFunctionConfiguration carrying the revision id, then a wait until the update has settled;
 * concurrency and log retention with their own APIs). Each failure AWS answers is typed where it is caught:
 * throttling, a conflicting update, a service or network error are transient; the rest permanent.
 */
public final class LambdaFunctionConfigurator implements FunctionConfigurator {

    /**
     * What {@link #read} and the wait after every update call on any function: GetFunction, with ListTags, without
     * which GetFunction leaves the tags out (and the live skip-tag check would see none); GetFunctionConfiguration
     * to wait for an update to settle and to find a custom log group; DescribeLogGroups for the retention.
     */
    public static final List<String> READ_IAM_ACTIONS = SettingKinds.READ_ACTIONS;

    /** What this class calls itself: the reads, and the account's concurrency for the reserved-concurrency guard. */
    public static final List<String> OWN_IAM_ACTIONS = List.of("lambda:GetAccountSettings", "lambda:GetFunction",
            "lambda:ListTags", "logs:DescribeLogGroups");

    /** Every action this adapter calls: its own reads, and each change kind's (the registry's, which its writers call). */
    public static final List<String> IAM_ACTIONS = java.util.stream.Stream.concat(SettingKinds.iamActions().stream(),
            OWN_IAM_ACTIONS.stream()).distinct().sorted().toList();

    private final LambdaClient lambda;
    private final CloudWatchLogsClient logs;
    private final LambdaSettingWriters writers;

    public LambdaFunctionConfigurator(LambdaClient lambda, CloudWatchLogsClient logs, UpdateWait wait) {
        this.lambda = lambda;
        this.logs = logs;
        this.writers = new LambdaSettingWriters(lambda, logs, wait);
    }

    @Override
    public FunctionSettings read(String functionArn) {
        try {
            GetFunctionResponse function = lambda.getFunction(r -> r.functionName(functionArn));
            FunctionConfiguration config = function.configuration();
            Integer reserved = function.concurrency() == null ? null : function.concurrency().reservedConcurrentExecutions();
            Integer retention = logGroup(FunctionLogGroup.nameOf(config.functionName(), config.loggingConfig()))
                    .map(LogGroup::retentionInDays).orElse(null);
            ListTagsResponse tags = lambda.listTags(r -> r.resource(functionArn));
            return new FunctionSettings(functionArn, config.revisionId(), config.memorySize(), config.timeout(), reserved,
                    config.tracingConfig() == null ? TracingMode.PASS_THROUGH.toString() : config.tracingConfig().modeAsString(),
                    retention, tags.hasTags() ? Map.copyOf(tags.tags()) : Map.of());
        } catch (ResourceNotFoundException e) {
            throw new FunctionNotFoundException(functionArn);
        } catch (SdkException e) {
            throw typed(e);
        }
    }

    @Override
    public AccountConcurrency accountConcurrency(String functionArn) {
        try {
            GetAccountSettingsResponse settings = lambda.getAccountSettings(r -> { });
            return new AccountConcurrency(settings.accountLimit().concurrentExecutions(),
                    settings.accountLimit().unreservedConcurrentExecutions());
        } catch (SdkException e) {
            throw typed(e);
        }
    }

    @Override
    public FunctionSettings update(String functionArn, RecommendationKind kind, String value, String expectedRevisionId) {
        LambdaSettingWriter writer = writers.of(kind);
        try {
            writer.write(functionArn, value, expectedRevisionId);
        } catch (ResourceNotFoundException e) {
            throw new FunctionNotFoundException(functionArn);
        } catch (PreconditionFailedException e) {
            throw new RevisionConflictException(functionArn, expectedRevisionId, "a newer one");
        } catch (SdkException e) {
            throw typed(e);
        }
        return read(functionArn);
    }

    /** Transient or permanent, decided here from the SDK's exception type and status, never from its message. */
    static ChangeFailedException typed(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
                    ? service.getClass().getSimpleName() : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null || service.awsErrorDetails().errorMessage() == null
                    ? String.valueOf(service.getMessage()) : service.awsErrorDetails().errorMessage();
            boolean transientFailure = service.isThrottlingException() || service instanceof TooManyRequestsException
                    || service instanceof ResourceConflictException || service.statusCode() >= 500;
            return new ChangeFailedException(code, message, transientFailure, e);
        }
        // no answer from AWS (a network failure, a timeout): the call may or may not have arrived; worth another try
        return new ChangeFailedException(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), true, e);
    }

    private Optional<LogGroup> logGroup(String name) {
        return logs.describeLogGroups(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                .filter(g -> g.logGroupName().equals(name)).findFirst();
    }

    /** How long to wait for an update to settle: attempts, and the pause before attempt n + 1. */
    public record UpdateWait(int maxAttempts, Duration firstPause, Duration maxPause) {

        public static UpdateWait standard() {
            return new UpdateWait(30, Duration.ofMillis(500), Duration.ofSeconds(5));
        }

        void pause(int attempt) {
            long millis = Math.min(maxPause.toMillis(), firstPause.toMillis() << Math.min(attempt, 10));
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a Lambda update to settle", e);
            }
        }
    }
}
