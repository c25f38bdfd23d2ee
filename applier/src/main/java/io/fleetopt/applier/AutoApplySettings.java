package io.fleetopt.applier;

import io.fleetopt.core.model.Risk;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * The account's auto-approval policy ({@code fleetopt.applier.auto-approve-risks}, set by infra from its
 * context): the risk levels whose items are applied without asking. Default: none.
 */
@ConfigurationProperties("fleetopt.applier")
public record AutoApplySettings(@Bindable(defaultValue = "") List<String> autoApproveRisks) {

    public List<Risk> risks() {
        return autoApproveRisks == null ? List.of() : autoApproveRisks.stream().filter(r -> !r.isBlank())
                .map(r -> Risk.valueOf(r.trim().toUpperCase(java.util.Locale.ROOT))).toList();
    }
}
