package io.fleetopt.notifier.aws;

import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.micronaut.context.annotation.Bean;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.LambdaSettingsReader;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;

/**
 * With {@code fleetopt.account=aws} (the default; {@code demo} turns it off), the notifier's ports are the real
 * AWS services: SNS for messages, Cost Explorer for the cost history, CloudWatch for guard alarms, Lambda (read-only)
 * for the live settings and aliases the savings check compares with the ledger. The SDK
 * clients are built by {@link NotifierClients} and owned (and closed) by the adapter that uses them; they are not
 * beans, so other modules' clients of the same services cannot clash with them.
 *
 * <p>The notifier has two Lambda jars (notifier/pom.xml): the reporting jar leaves out Step Functions and Secrets
 * Manager, the approval jar Cost Explorer, CloudWatch, Lambda, CloudWatch Logs and STS. A bean here is made only
 * where its service's client ships ({@code @Requires(classes = ...)}); the approval side's are in
 * {@link AwsApprovalFactory}.
 */
@Factory
@Requires(property = "fleetopt.account", value = "aws", defaultValue = "aws")
@Requires(notEnv = Environment.CLI)
public class AwsNotifierFactory {

    private final NotifierClients clients;

    public AwsNotifierFactory(AwsClients clients) {
        this.clients = new NotifierClients(clients);
    }

    @Singleton
    @Bean(preDestroy = "close")
    SnsMessageSender snsMessageSender(NotificationTopic topic, @Nullable ArtifactStore store) {
        return new SnsMessageSender(clients.sns(), topic.requiredArn(), runId -> store == null
                ? "artifact " + ArtifactKeys.plan(runId) : store.locate(ArtifactKeys.plan(runId)));
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(classes = CostExplorerClient.class)
    CostExplorerCostHistory costExplorerCostHistory() {
        return new CostExplorerCostHistory(clients.costExplorer());
    }

    /** Live settings and aliases for the savings check (drift, changes that never reached traffic), read-only. */
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(classes = {LambdaClient.class, CloudWatchLogsClient.class})
    LambdaSettingsReader lambdaSettingsReader(AwsClients awsClients) {
        return LambdaSettingsReader.of(awsClients);
    }

    /**
     * With member accounts ({@code fleetopt.organization.external-id} set, as infra sets it for VerifyEarlierChanges
     * of a deployment with member accounts), the savings check reads a member change's function through its
     * account's member role.
     */
    @Singleton
    @Bean(preDestroy = "close", typed = io.fleetopt.notifier.MemberAccountReaders.class)
    @Requires(property = "fleetopt.organization.external-id")
    @Requires(classes = {StsClient.class, CloudWatchClient.class, LambdaClient.class, CloudWatchLogsClient.class})
    MemberAccountReads memberAccountReads(AwsClients awsClients, @Value("${fleetopt.organization.external-id}") String externalId,
                                          @Value("${fleetopt.organization.partition:aws}") String partition,
                                          @Value("${fleetopt.organization.member-role-name:fleetopt-member}") String roleName) {
        return new MemberAccountReads(awsClients, externalId, partition, roleName);
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(classes = CloudWatchClient.class)
    CloudWatchFunctionUsage cloudWatchFunctionUsage() {
        return new CloudWatchFunctionUsage(clients::cloudWatchIn);
    }

    /** {@code fleetopt.notifier.report-link-hours}: how long the summary's report link lasts (1 to 168; default 168, S3's longest). */
    @Singleton
    @Bean(preDestroy = "close")
    S3PresignedReportLinks s3PresignedReportLinks(ArtifactStore store, @Value("${fleetopt.notifier.report-link-hours:168}") int hours) {
        return new S3PresignedReportLinks(clients.s3Presigner(), clients.credentials(), store, Duration.ofHours(hours));
    }

    /**
     * With member accounts ({@code fleetopt.organization.external-id} set, as infra sets it for WireAlarms of a
     * deployment with member accounts), the guard alarms of a run over them go into each account through its member role.
     */
    @Singleton
    @Requires(property = "fleetopt.organization.external-id")
    @Requires(classes = {StsClient.class, CloudWatchClient.class})
    MemberAccountAlarms memberAccountAlarms(AwsClients awsClients,
                                            @Value("${fleetopt.organization.external-id}") String externalId,
                                            @Value("${fleetopt.organization.partition:aws}") String partition,
                                            @Value("${fleetopt.organization.member-role-name:fleetopt-member}") String roleName) {
        return new MemberAccountAlarms(awsClients, externalId, partition, roleName);
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(classes = CloudWatchClient.class)
    CloudWatchAlarmPort cloudWatchAlarmPort(NotificationTopic topic) {
        return new CloudWatchAlarmPort(clients.cloudWatch(), topic.requiredArn());
    }
}
