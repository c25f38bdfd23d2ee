package io.fleetopt.applier.aws;

import io.fleetopt.applier.MemberAccountAppliers;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.core.port.AliasRouter;
import io.fleetopt.core.port.FunctionConfigurator;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The applier's own AWS adapter, for {@code fleetopt.account=aws} (the default in Lambda). */
@Factory
@Requires(property = "fleetopt.account", value = "aws", defaultValue = "aws")
@Requires(notEnv = Environment.CLI)
public class ApplierAwsFactory {

    @Singleton
    FunctionConfigurator functionConfigurator(AwsClients clients) {
        return new LambdaFunctionConfigurator(clients.build(LambdaClient.builder()), clients.build(CloudWatchLogsClient.builder()),
                LambdaFunctionConfigurator.UpdateWait.standard());
    }

    @Singleton
    AliasRouter aliasRouter(AwsClients clients) {
        return new LambdaAliasRouter(clients.build(LambdaClient.builder()), LambdaFunctionConfigurator.UpdateWait.standard());
    }

    /**
     * With member accounts ({@code fleetopt.organization.external-id} set, as infra sets it for ApplyItem and
     * Rollback of a deployment with member accounts), the lines of a run over them are applied through each
     * account's member role.
     */
    @Singleton
    @Requires(property = "fleetopt.organization.external-id")
    MemberAccountAppliers.MemberAdapters memberAdapters(AwsClients clients,
                                                        @Value("${fleetopt.organization.external-id}") String externalId,
                                                        @Value("${fleetopt.organization.partition:aws}") String partition,
                                                        @Value("${fleetopt.organization.member-role-name:fleetopt-member}") String roleName) {
        return new MemberRoleAdapters(clients, externalId, partition, roleName);
    }

    /**
     * The Rollback function's notices go to the notification topic ({@code fleetopt.notifier.topic-arn}). Typed as
     * itself only: beside the notifier's classes (one context, as in the end-to-end test) it is not a second
     * MessageSender.
     */
    @Singleton
    @Bean(preDestroy = "close", typed = SnsRollbackNotices.class)
    SnsRollbackNotices rollbackNotices(AwsClients clients, @Value("${fleetopt.notifier.topic-arn:}") String topicArn) {
        if (topicArn.isBlank()) {
            throw new IllegalStateException("fleetopt.notifier.topic-arn is not set (environment variable FLEETOPT_NOTIFIER_TOPIC_ARN): "
                    + "the SNS topic the Rollback function's notices go to");
        }
        return new SnsRollbackNotices(clients.build(SnsClient.builder()), topicArn);
    }
}
