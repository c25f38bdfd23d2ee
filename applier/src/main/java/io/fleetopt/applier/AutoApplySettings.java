package io.fleetopt.applier;

import io.fleetopt.core.model.Risk;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * The applier's configuration ({@code fleetopt.applier.*}, set by infra): the risk levels whose items are applied
 * without asking (default none), and the name prefix of the optimizer's own functions, which it never changes.
 */
@ConfigurationProperties("fleetopt.applier")
public record AutoApplySettings(@Bindable(defaultValue = "") List<String> autoApproveRisks,
                                @Bindable(defaultValue = GuardSettings.DEFAULT_OWN_NAME_PREFIX) String ownNamePrefix) {

    public List<Risk> risks() {
        return autoApproveRisks == null ? List.of() : autoApproveRisks.stream().filter(r -> !r.isBlank())
                .map(r -> Risk.valueOf(r.trim().toUpperCase(java.util.Locale.ROOT))).toList();
    }
}
