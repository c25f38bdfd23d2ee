package io.fleetopt.aws;

import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.RunLease;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;

/**
 * In the Lambdas ({@code fleetopt.account=aws}, the default), what every stage shares: the SDK clients, the
 * artifact store in S3 ({@code fleetopt.artifact-bucket}, optional {@code fleetopt.artifact-prefix}) and the change
 * ledger and the run's lease in DynamoDB ({@code fleetopt.ledger-table}). {@code fleetopt.endpoint-url} points every client at an
 * emulator. The CLI wires its own adapters, so this stays out of its context.
 */
@Factory
@Requires(property = "fleetopt.account", value = "aws", defaultValue = "aws")
@Requires(notEnv = Environment.CLI)
public class AwsAccountFactory {

    /**
     * The region is Lambda's {@code AWS_REGION} ({@code aws.region}); the credentials one provider for every client,
     * the one the environment says ({@link LambdaCredentials}); the TLS trust managers the handler's
     * {@link SdkStartup} made, where its init started one.
     */
    @Singleton
    @Bean(preDestroy = "close")
    AwsClients awsClients(@Value("${fleetopt.endpoint-url:}") String endpointUrl, @Value("${aws.region:}") String region,
                          @Nullable SdkStartup startup) {
        return new AwsClients(new AwsClientSettings(region.isBlank() ? null : region, null,
                endpointUrl.isBlank() ? null : URI.create(endpointUrl), LambdaCredentials.fromEnvironment(),
                AwsClientSettings.DEFAULT_API_CALL_TIMEOUT, startup));
    }

    @Singleton
    ArtifactStore artifactStore(AwsClients clients, @Value("${fleetopt.artifact-bucket:}") String bucket,
                                @Value("${fleetopt.artifact-prefix:}") String prefix) {
        return new S3ArtifactStore(clients.s3(), bucket, prefix);
    }

    /** Only where the DynamoDB client ships: the collector's and the analyzer's Lambda jars leave it out. */
    @Singleton
    @Requires(classes = DynamoDbClient.class)
    ChangeLedger changeLedger(AwsClients clients, @Value("${fleetopt.ledger-table:}") String table) {
        return new DynamoDbChangeLedger(clients.build(DynamoDbClient.builder()), requireTable(table));
    }

    @Singleton
    @Requires(classes = DynamoDbClient.class)
    RunLease runLease(AwsClients clients, @Value("${fleetopt.ledger-table:}") String table, Clock clock) {
        return new DynamoDbRunLease(clients.build(DynamoDbClient.builder()), requireTable(table), clock);
    }

    private static String requireTable(String table) {
        if (table.isBlank()) {
            throw new IllegalStateException("fleetopt.ledger-table is not set (environment variable FLEETOPT_LEDGER_TABLE)");
        }
        return table;
    }
}
