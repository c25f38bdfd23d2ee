package io.fleetopt.cli;

import io.fleetopt.applier.MemberAccountAppliers;
import io.fleetopt.applier.aws.MemberRoleAdapters;
import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.MemberRoleDeniedException;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.DynamoDbChangeLedger;
import io.fleetopt.aws.DynamoDbRunLease;
import io.fleetopt.aws.S3ArtifactStore;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.RunLease;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a changing command keeps a run's documents and its change ledger, and which lease it takes: the local state
 * folder (its lock is the one writer at a time), or a deployed stack's artifact bucket, DynamoDB ledger and run lease
 * ({@code --stack NAME}), the same the weekly run in AWS uses, so a deployed run can be applied again or rolled back
 * from the command line.
 *
 * @param runs    which runs the artifact store holds (for the latest run with a document)
 * @param flags   the option that makes a printed command use this same storage ("--stack NAME", or "" locally)
 * @param repairs what the local ledger repaired on reading (a torn last line); none in DynamoDB
 * @param members a member account's function reads and writes through its member role, with the deployed stack's
 *                member role settings; null where there are none
 * @param memberAccounts the deployed stack's listed member accounts
 * @param memberRoleSettings what to set, or where they come from, when a member account's change has no member role settings
 */
record RunStorage(ArtifactStore artifacts, StoredRuns runs, ChangeLedger ledger, RunLease lease, String flags, String where,
                  Supplier<List<String>> repairs, Runnable resources, @Nullable MemberAccountAppliers.MemberAdapters members,
                  List<String> memberAccounts, String memberRoleSettings) {

    /** From the command line, the member role must trust the operator's credentials, which the member stack does not. */
    static final String OPERATOR_NOT_TRUSTED = "from the command line the member role is assumed with your own credentials, "
            + "and the member stack trusts only the management stack's CollectTarget, ApplyItem, AutoApply and Rollback roles";

    static RunStorage local(Path stateDir, DocumentCodec codec) {
        JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(stateDir.resolve("ledger.jsonl"), codec);
        Path artifacts = stateDir.resolve("artifacts");
        return new RunStorage(new DirectoryArtifactStore(artifacts), new FolderRuns(artifacts), ledger, RunLease.NONE, "",
                stateDir.toString(), ledger::repairs, () -> { }, null, List.of(),
                "--stack NAME (a member account's change is rolled back with the deployed stack's member role settings)");
    }

    /** The stack's bucket and ledger table, read from its outputs in {@code region}, through the account's options. */
    static RunStorage deployed(String stackName, AccountOptions options, Clock clock) {
        AwsClients all = new AwsClients(new AwsClientSettings(options.regions.isEmpty() ? null : options.regions.getFirst(),
                options.profile, options.endpointUrl == null ? null : URI.create(options.endpointUrl), null,
                AwsClientSettings.DEFAULT_API_CALL_TIMEOUT));
        try {
            String region = all.region().id();
            DeployedStack stack = new StackOutputs(all.build(CloudFormationClient.builder())).read(stackName, region);
            DynamoDbClient dynamo = all.build(DynamoDbClient.builder());
            S3Client s3 = all.s3();
            return new RunStorage(new S3ArtifactStore(s3, stack.artifactBucket()), new BucketRuns(s3, stack.artifactBucket()),
                    new DynamoDbChangeLedger(dynamo, stack.ledgerTable()), new DynamoDbRunLease(dynamo, stack.ledgerTable(), clock),
                    "--stack " + AccountAdapters.quoted(stackName),
                    "stack " + stackName + " in " + region + " (s3://" + stack.artifactBucket() + ", ledger " + stack.ledgerTable() + ")",
                    List::of, all::close, members(all, stack.memberRoles()),
                    stack.memberRoles() == null ? List.of() : stack.memberRoles().listedAccounts(),
                    "the member role settings in stack " + stackName + "'s outputs (" + StackOutputs.MEMBER_ROLE_EXTERNAL_ID_OUTPUT
                            + ", " + StackOutputs.MEMBER_ROLE_NAME_OUTPUT + ", " + StackOutputs.MEMBER_ROLE_PARTITION_OUTPUT
                            + "), which a stack deployed with memberAccounts or organizationalUnit and externalId has: "
                            + "redeploy it with this fleetopt's infra");
        } catch (RuntimeException e) {
            all.close();
            throw e;
        }
    }

    /** The stack's member roles, assumed with the command line's credentials (a denial says why it may be so). */
    private static MemberAccountAppliers.MemberAdapters members(AwsClients clients, DeployedStack.MemberRoles roles) {
        if (roles == null) {
            return null;
        }
        MemberRoleAdapters adapters = new MemberRoleAdapters(clients, roles.externalId(), roles.partition(), roles.roleName());
        return (accountId, region) -> {
            try {
                return adapters.open(accountId, region);
            } catch (MemberRoleDeniedException e) {
                throw new MemberRoleDeniedException(e.getMessage() + "; " + OPERATOR_NOT_TRUSTED, e);
            }
        };
    }
}
