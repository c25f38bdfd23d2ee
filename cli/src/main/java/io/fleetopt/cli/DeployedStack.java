package io.fleetopt.cli;

/**
 * A deployed fleetopt stack as its CloudFormation outputs describe it: where its runs' documents are (the artifact
 * bucket) and its change ledger (the DynamoDB table, which also holds the run lease).
 */
record DeployedStack(String name, String region, String artifactBucket, String ledgerTable) {
}
