package io.fleetopt.cli;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A deployed fleetopt stack as its CloudFormation outputs describe it: where its runs' documents are (the artifact
 * bucket) and its change ledger (the DynamoDB table, which also holds the run lease), and, for a deployment with
 * member accounts, its member role settings ({@code memberRoles}, null without them).
 */
record DeployedStack(String name, String region, String artifactBucket, String ledgerTable, @Nullable MemberRoles memberRoles) {

    DeployedStack(String name, String region, String artifactBucket, String ledgerTable) {
        this(name, region, artifactBucket, ledgerTable, null);
    }

    /**
     * How the stack's stages reach a member account: the role's name in every member account, the external id it
     * requires, the partition of its ARN, and the listed member accounts (none with an organizational unit).
     */
    record MemberRoles(String roleName, String externalId, String partition, List<String> listedAccounts) {
    }
}
