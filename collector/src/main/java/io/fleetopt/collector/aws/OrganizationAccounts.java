package io.fleetopt.collector.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountStatus;

import java.util.List;

/**
 * The member accounts of an AWS Organizations organizational unit (or root): {@code ListAccountsForParent}, every
 * page, ACTIVE accounts only (suspended or closing accounts cannot be read), in the order AWS lists them.
 * Called from the management account (or a delegated administrator).
 */
public final class OrganizationAccounts {

    /** What listing the accounts calls. */
    public static final List<String> IAM_ACTIONS = List.of("organizations:ListAccountsForParent");

    private final OrganizationsClient organizations;

    public OrganizationAccounts(OrganizationsClient organizations) {
        this.organizations = organizations;
    }

    /** The ids of the ACTIVE accounts directly under {@code parentId} ({@code ou-...} or {@code r-...}). */
    public List<String> activeAccountIds(String parentId) {
        try {
            return organizations.listAccountsForParentPaginator(b -> b.parentId(parentId)).stream()
                    .flatMap(page -> page.accounts().stream())
                    .filter(a -> a.status() == AccountStatus.ACTIVE)
                    .map(Account::id)
                    .toList();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            throw new MemberAccountsUnavailableException("cannot list the accounts of " + parentId + " ("
                    + code + "): the ListTargets role needs organizations:ListAccountsForParent, called from the "
                    + "organization's management account or a delegated administrator, and the parent id must exist", e);
        }
    }
}
