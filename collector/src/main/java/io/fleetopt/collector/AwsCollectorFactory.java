package io.fleetopt.collector;

import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.S3ArtifactStore;
import io.fleetopt.collector.aws.AwsCollectorOptions;
import io.fleetopt.collector.aws.AwsFleetSource;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.FleetSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * With {@code fleetopt.account=aws} (the default, as in the Lambda), the Collect state reads the real account and
 * stores the snapshot in S3 ({@code fleetopt.artifact-bucket}, optional {@code fleetopt.artifact-prefix}). Region
 * and credentials come from the default chains; {@code fleetopt.endpoint-url} points every client at an emulator.
 * The CLI builds its fleet source itself ({@link AwsFleetSource#create}), so this stays out of its context.
 */
@Factory
@Requires(property = "fleetopt.account", value = "aws", defaultValue = "aws")
@Requires(notEnv = Environment.CLI)
class AwsCollectorFactory {

    private final String endpointUrl;

    AwsCollectorFactory(@Value("${fleetopt.endpoint-url:}") String endpointUrl) {
        this.endpointUrl = endpointUrl;
    }

    @Singleton
    @Bean(preDestroy = "close")
    AwsClients awsClients() {
        return new AwsClients(new AwsClientSettings(null, null, endpointUrl.isBlank() ? null : URI.create(endpointUrl), null,
                AwsClientSettings.DEFAULT_API_CALL_TIMEOUT));
    }

    @Singleton
    FleetSource fleetSource(CollectorSettings settings) {
        return AwsFleetSource.create(AwsCollectorOptions.of(settings.regions(), null, endpointUrl, null)
                .withLimits(settings.limits()));
    }

    @Singleton
    ArtifactStore artifactStore(AwsClients clients, @Value("${fleetopt.artifact-bucket:}") String bucket,
                                @Value("${fleetopt.artifact-prefix:}") String prefix) {
        return new S3ArtifactStore(clients.s3(), bucket, prefix);
    }
}
