package io.fleetopt.notifier.aws;

import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.micronaut.context.annotation.Bean;
import io.fleetopt.aws.AwsClients;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * With {@code fleetopt.account=aws} (the default; {@code demo} turns it off), the notifier's ports are the real
 * AWS services: SNS for messages, Cost Explorer for the cost history, CloudWatch for guard alarms. The SDK
 * clients are built by {@link NotifierClients} and owned (and closed) by the adapter that uses them; they are not
 * beans, so other modules' clients of the same services cannot clash with them.
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
    CostExplorerCostHistory costExplorerCostHistory() {
        return new CostExplorerCostHistory(clients.costExplorer());
    }

    @Singleton
    @Bean(preDestroy = "close")
    CloudWatchFunctionUsage cloudWatchFunctionUsage() {
        return new CloudWatchFunctionUsage(clients::cloudWatchIn);
    }

    /** {@code fleetopt.notifier.report-link-hours}: how long the summary's report link lasts (1 to 168; default 168, S3's longest). */
    @Singleton
    @Bean(preDestroy = "close")
    S3PresignedReportLinks s3PresignedReportLinks(ArtifactStore store, @Value("${fleetopt.notifier.report-link-hours:168}") int hours) {
        return new S3PresignedReportLinks(clients.s3Presigner(), clients.credentials(), store, Duration.ofHours(hours));
    }

    @Singleton
    @Bean(preDestroy = "close")
    CloudWatchAlarmPort cloudWatchAlarmPort(NotificationTopic topic) {
        return new CloudWatchAlarmPort(clients.cloudWatch(), topic.requiredArn());
    }
}
