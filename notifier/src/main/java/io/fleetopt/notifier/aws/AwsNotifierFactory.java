package io.fleetopt.notifier.aws;

import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.micronaut.context.annotation.Bean;
import io.fleetopt.aws.AwsClients;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

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

    @Singleton
    @Bean(preDestroy = "close")
    CloudWatchAlarmPort cloudWatchAlarmPort(NotificationTopic topic) {
        return new CloudWatchAlarmPort(clients.cloudWatch(), topic.requiredArn());
    }
}
