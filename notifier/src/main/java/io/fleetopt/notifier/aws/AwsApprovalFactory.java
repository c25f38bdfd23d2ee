package io.fleetopt.notifier.aws;

import io.fleetopt.aws.AwsClients;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.notifier.approval.LinkSigner;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The approval side's AWS ports (RequestApproval, the review endpoint): the review links' key in Secrets Manager,
 * the pending approvals in DynamoDB, the run's task token answered through Step Functions. Only where those clients
 * ship: the notifier's approval Lambda jar; its reporting jar leaves Step Functions and Secrets Manager out
 * (notifier/pom.xml), and this factory with them.
 */
@Factory
@Requires(property = "fleetopt.account", value = "aws", defaultValue = "aws")
@Requires(notEnv = Environment.CLI)
@Requires(classes = {SfnClient.class, SecretsManagerClient.class, DynamoDbClient.class})
public class AwsApprovalFactory {

    private final NotifierClients clients;

    public AwsApprovalFactory(AwsClients clients) {
        this.clients = new NotifierClients(clients);
    }

    /** The review links' key, from the secret the stack created ({@code fleetopt.approval.key-secret-arn}). */
    @Singleton
    LinkSigner linkSigner(@Value("${fleetopt.approval.key-secret-arn:}") String secretArn) {
        if (secretArn.isBlank()) {
            throw new IllegalStateException("fleetopt.approval.key-secret-arn is not set (environment variable "
                    + "FLEETOPT_APPROVAL_KEY_SECRET_ARN): the secret that signs review links");
        }
        try (var secrets = clients.secretsManager()) {
            return new LinkSigner(SecretsManagerLinkKey.read(secrets, secretArn));
        }
    }

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbPendingApprovals pendingApprovals(@Value("${fleetopt.approval.table:}") String table, DocumentCodec codec) {
        if (table.isBlank()) {
            throw new IllegalStateException("fleetopt.approval.table is not set (environment variable FLEETOPT_APPROVAL_TABLE): "
                    + "the DynamoDB table of pending approvals");
        }
        return new DynamoDbPendingApprovals(clients.dynamoDb(), table, codec);
    }

    @Singleton
    @Bean(preDestroy = "close")
    StepFunctionsTaskCallback taskCallback() {
        return new StepFunctionsTaskCallback(clients.stepFunctions());
    }
}
