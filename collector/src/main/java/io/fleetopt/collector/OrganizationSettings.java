package io.fleetopt.collector;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * Which member accounts a run over several accounts covers ({@code fleetopt.organization.*}, set by infra from its
 * context values): the listed accounts, or the ACTIVE accounts of an organizational unit, each read through the
 * member role of that name with the deployment's external id. Neither set: the run covers the account it runs in,
 * as the single-account deployment does.
 *
 * @param memberAccounts     12-digit account ids
 * @param organizationalUnit an AWS Organizations parent id ({@code ou-...} or {@code r-...}), read with ListAccountsForParent
 * @param memberRoleName     the member role's name in every member account
 * @param externalId         the external id the member role requires
 */
@ConfigurationProperties("fleetopt.organization")
public record OrganizationSettings(
        @Bindable(defaultValue = "") List<String> memberAccounts,
        @Bindable(defaultValue = "") String organizationalUnit,
        @Bindable(defaultValue = "fleetopt-member") String memberRoleName,
        @Bindable(defaultValue = "") String externalId) {

    public List<String> listedAccounts() {
        return memberAccounts == null ? List.of() : memberAccounts.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    public boolean hasOrganizationalUnit() {
        return organizationalUnit != null && !organizationalUnit.isBlank();
    }

    public String roleArn(String partition, String accountId) {
        return io.fleetopt.aws.MemberRole.roleArn(partition, accountId, memberRoleName);
    }
}
