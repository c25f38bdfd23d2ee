package io.fleetopt.cli;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a deployed fleetopt stack's outputs with CloudFormation's DescribeStacks: its artifact bucket and its ledger
 * table (the output names infra's FleetoptStack gives them), and its member role settings where it has member accounts. Throttling is retried by the client (adaptive mode).
 * A stack that is not there, one without those outputs, and credentials that may not call DescribeStacks each stop
 * the command with a message that says which, before anything is read or changed.
 */
final class StackOutputs {

    /** The outputs of infra's FleetoptStack this reads. */
    static final String ARTIFACT_BUCKET_OUTPUT = "ArtifactBucketName";
    static final String LEDGER_TABLE_OUTPUT = "LedgerTableName";
    /** A deployment with member accounts also outputs its member role settings (infra's FleetoptStack). */
    static final String MEMBER_ROLE_NAME_OUTPUT = "MemberRoleName";
    static final String MEMBER_ROLE_EXTERNAL_ID_OUTPUT = "MemberRoleExternalId";
    static final String MEMBER_ROLE_PARTITION_OUTPUT = "MemberRolePartition";
    static final String MEMBER_ACCOUNTS_OUTPUT = "MemberAccounts";
    static final List<String> IAM_ACTIONS = List.of("cloudformation:DescribeStacks");
    /** CloudFormation's rule for a stack name; a name that keeps it and still answers ValidationError does not exist. */
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][-A-Za-z0-9]{0,127}");

    private final CloudFormationClient cloudFormation;

    StackOutputs(CloudFormationClient cloudFormation) {
        this.cloudFormation = cloudFormation;
    }

    DeployedStack read(String stackName, String region) {
        if (stackName == null || !STACK_NAME.matcher(stackName).matches()) {
            throw new UsageException("--stack '" + stackName + "' is not a CloudFormation stack name (a letter, then letters,"
                    + " digits and '-', at most 128)");
        }
        List<Stack> stacks;
        try {
            stacks = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks();
        } catch (CloudFormationException e) {
            throw typed(e, stackName, region);
        }
        if (stacks.isEmpty()) {
            throw new UsageException(notFound(stackName, region));
        }
        Map<String, String> outputs = new TreeMap<>();
        for (Output output : stacks.getFirst().outputs()) {
            outputs.put(output.outputKey(), output.outputValue());
        }
        return new DeployedStack(stackName, region, required(outputs, ARTIFACT_BUCKET_OUTPUT, stackName, stacks.getFirst()),
                required(outputs, LEDGER_TABLE_OUTPUT, stackName, stacks.getFirst()), memberRoles(outputs));
    }

    /** The member role settings, when the stack was deployed with member accounts (it outputs the external id then). */
    private static DeployedStack.MemberRoles memberRoles(Map<String, String> outputs) {
        String externalId = outputs.get(MEMBER_ROLE_EXTERNAL_ID_OUTPUT);
        if (externalId == null || externalId.isBlank()) {
            return null;
        }
        String accounts = outputs.getOrDefault(MEMBER_ACCOUNTS_OUTPUT, "");
        return new DeployedStack.MemberRoles(outputs.getOrDefault(MEMBER_ROLE_NAME_OUTPUT, "fleetopt-member"), externalId,
                outputs.getOrDefault(MEMBER_ROLE_PARTITION_OUTPUT, "aws"),
                java.util.Arrays.stream(accounts.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList());
    }

    private static String required(Map<String, String> outputs, String key, String stackName, Stack stack) {
        String value = outputs.get(key);
        if (value == null || value.isBlank()) {
            throw new UsageException("stack '" + stackName + "' (" + stack.stackStatusAsString() + ") has no output " + key
                    + " (its outputs: " + (outputs.isEmpty() ? "none" : String.join(", ", outputs.keySet()))
                    + "): is it a fleetopt stack, deployed in full?");
        }
        return value;
    }

    /** Decided from the error code and status CloudFormation answered, where it is caught. */
    private static RuntimeException typed(AwsServiceException e, String stackName, String region) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (e.statusCode() == 403 || "AccessDenied".equals(code) || "AccessDeniedException".equals(code)) {
            return new StackAccessDeniedException("access denied: the credentials may not call cloudformation:DescribeStacks"
                    + " on stack '" + stackName + "' in " + region + ", which --stack needs to find its bucket and ledger", e);
        }
        if ("ValidationError".equals(code) && e.statusCode() == 400) {
            // the name is well-formed (checked above): CloudFormation answers ValidationError for a stack it does not have
            return new UsageException(notFound(stackName, region));
        }
        return e;
    }

    private static String notFound(String stackName, String region) {
        return "no CloudFormation stack '" + stackName + "' in " + region + " (check --stack, and --region for the stack's region)";
    }

    /** The credentials may not read the stack: nothing was read or changed. */
    static final class StackAccessDeniedException extends RuntimeException {
        StackAccessDeniedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
