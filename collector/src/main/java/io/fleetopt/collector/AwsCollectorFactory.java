package io.fleetopt.collector;

import io.fleetopt.collector.aws.AwsCollectorOptions;
import io.fleetopt.collector.aws.AwsFleetSource;
import io.fleetopt.core.port.FleetSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;


/**
 * With {@code fleetopt.account=aws} (the default, as in the Lambda), the Collect state reads the real account; the
 * snapshot goes to the shared artifact store (S3, see {@code AwsAccountFactory}). Region
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
    FleetSource fleetSource(CollectorSettings settings) {
        return AwsFleetSource.create(AwsCollectorOptions.of(settings.regions(), null, endpointUrl, null)
                .withLimits(settings.limits()));
    }
}
