package io.fleetopt.cli;

import picocli.CommandLine.Option;

/** --stack NAME: a deployed stack's artifact bucket, change ledger and run lease instead of the local state folder. */
final class StackOption {

    @Option(names = "--stack", paramLabel = "NAME",
            description = "Use this deployed fleetopt stack's artifact bucket and DynamoDB change ledger (read from its "
                    + "CloudFormation outputs, in the first --region) instead of the local state folder; takes the "
                    + "stack's run lease while it changes things.")
    String name;
}
