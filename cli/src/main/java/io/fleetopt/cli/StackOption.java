package io.fleetopt.cli;

import picocli.CommandLine.Option;

/** --stack NAME: a deployed stack's artifact bucket, change ledger and run lease instead of the local state folder. */
final class StackOption {

    @Option(names = "--stack", paramLabel = "NAME",
            description = "Use this deployed fleetopt stack's artifact bucket and DynamoDB change ledger (read from its "
                    + "CloudFormation outputs, in the first --region) instead of the local state folder; takes the "
                    + "stack's run lease while it changes things.")
    String name;

    /** --stack reads a deployed stack on a real account: with --demo it is a usage error. */
    void requireRealAccount(AccountOptions options) {
        if (name != null && options.demo) {
            throw new UsageException("--stack uses a deployed stack's bucket and ledger on a real account; drop it, or drop --demo");
        }
    }
}
