package io.fleetopt.collector;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.port.FleetSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * With {@code fleetopt.account=demo}, a run over several accounts covers the listed member accounts, and the demo
 * account is the only one there is to read: a target in another account fails naming it.
 */
@Factory
@Requires(property = "fleetopt.account", value = "demo")
class DemoTargetsFactory {

    @Singleton
    MemberAccounts memberAccounts(OrganizationSettings organization) {
        return organization::listedAccounts;
    }

    @Singleton
    TargetFleetSources targetFleetSources(FleetSource demo) {
        return (target, runId) -> {
            if (!target.accountId().equals(DemoAccount.ACCOUNT_ID)) {
                throw new IllegalArgumentException("target " + target.path() + ": the demo has only account "
                        + DemoAccount.ACCOUNT_ID);
            }
            return new TargetFleetSources.TargetFleetSource() {
                @Override
                public io.fleetopt.core.model.FleetSnapshot collect(io.fleetopt.core.port.CollectRequest request) {
                    return demo.collect(request);
                }

                @Override
                public void close() {
                }
            };
        };
    }
}
