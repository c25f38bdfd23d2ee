package io.fleetopt.collector;

import io.fleetopt.collector.aws.AwsCollectorOptions;
import io.fleetopt.collector.aws.AwsFleetSource;
import io.fleetopt.aws.MemberRole;
import io.fleetopt.collector.aws.OrganizationAccounts;
import io.fleetopt.aws.AwsClients;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import java.util.List;
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

    /** The listed member accounts, else the ACTIVE accounts of the organizational unit (Organizations is global: us-east-1). */
    @Singleton
    MemberAccounts memberAccounts(OrganizationSettings organization, AwsClients clients) {
        if (!organization.listedAccounts().isEmpty() || !organization.hasOrganizationalUnit()) {
            return organization::listedAccounts;
        }
        return () -> new OrganizationAccounts(clients.inRegion("us-east-1").build(OrganizationsClient.builder()))
                .activeAccountIds(organization.organizationalUnit());
    }

    /** Each target read through its member role (assumed with the external id), in its region only. */
    @Singleton
    TargetFleetSources targetFleetSources(OrganizationSettings organization, CollectorSettings settings, AwsClients clients) {
        return (target, runId) -> {
            MemberRole.Session credentials = new MemberRole(clients, organization.externalId())
                    .credentials(target, "fleetopt-" + runId);
            AwsFleetSource source = AwsFleetSource.create(AwsCollectorOptions.of(List.of(target.region()), null,
                    endpointUrl, null).withLimits(settings.limits()).withCredentials(credentials));
            return new TargetFleetSources.TargetFleetSource() {
                @Override
                public io.fleetopt.core.model.FleetSnapshot collect(io.fleetopt.core.port.CollectRequest request) {
                    return source.collect(request);
                }

                @Override
                public void close() {
                    credentials.close();
                }
            };
        };
    }
}
