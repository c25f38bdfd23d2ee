package io.fleetopt.infra;

import java.util.Map;

/**
 * Which of the deployment's resources an IAM action is granted on. Every action a stage's code declares is
 * listed here once, on purpose: an action that is not fails the synth, so a new call gets its resource scoping
 * chosen by a person, never a default of {@code *}.
 */
public enum ResourceScope {
    /** Objects under {@code runs/} of the artifact bucket. */
    RUN_DOCUMENTS,
    /** The artifact bucket itself, listing only under {@code runs/}. */
    ARTIFACT_BUCKET,
    /** The change ledger table (and its indexes). */
    LEDGER,
    /** The topic the stage is configured to publish to (the approvers' for RequestApproval). */
    STAGE_TOPIC,
    /** Reads of the functions of the scope's regions (by name pattern when given). */
    FUNCTION_READS,
    /** Changes to functions in scope (name patterns, scope tags as a condition), never the optimizer's own. */
    FUNCTION_CHANGES,
    /** Reads of the log groups of the scope's regions. */
    LOG_GROUP_READS,
    /** Changes to the log groups of functions in scope ({@code /aws/lambda/<pattern>}, scope tags as a condition). */
    LOG_GROUP_CHANGES,
    /** The guard alarms, named {@code fleetopt-...}. */
    GUARD_ALARMS,
    /** The member role in each member account (none in a single-account deployment). */
    MEMBER_ROLES,
    /** The organizational unit's accounts (only when the deployment reads one). */
    ORGANIZATION_ACCOUNTS,
    /** Actions with no resource type: IAM accepts only {@code *}. */
    ANY;

    private static final Map<String, ResourceScope> OF_ACTION = Map.ofEntries(
            Map.entry("s3:GetObject", RUN_DOCUMENTS),
            Map.entry("s3:GetObjectVersion", RUN_DOCUMENTS),
            Map.entry("s3:PutObject", RUN_DOCUMENTS),
            Map.entry("s3:ListBucket", ARTIFACT_BUCKET),
            Map.entry("dynamodb:PutItem", LEDGER),
            Map.entry("dynamodb:GetItem", LEDGER),
            Map.entry("dynamodb:UpdateItem", LEDGER),
            Map.entry("dynamodb:Query", LEDGER),
            Map.entry("dynamodb:Scan", LEDGER),
            Map.entry("sns:Publish", STAGE_TOPIC),
            Map.entry("lambda:GetFunction", FUNCTION_READS),
            Map.entry("lambda:GetFunctionConfiguration", FUNCTION_READS),
            Map.entry("lambda:GetFunctionConcurrency", FUNCTION_READS),
            Map.entry("lambda:ListTags", FUNCTION_READS),
            Map.entry("lambda:ListProvisionedConcurrencyConfigs", FUNCTION_READS),
            Map.entry("lambda:GetFunctionEventInvokeConfig", FUNCTION_READS),
            Map.entry("lambda:ListVersionsByFunction", FUNCTION_READS),
            Map.entry("lambda:ListAliases", FUNCTION_READS),
            Map.entry("lambda:GetAlias", FUNCTION_READS),
            Map.entry("lambda:UpdateFunctionConfiguration", FUNCTION_CHANGES),
            Map.entry("lambda:PutFunctionConcurrency", FUNCTION_CHANGES),
            Map.entry("lambda:DeleteFunctionConcurrency", FUNCTION_CHANGES),
            Map.entry("lambda:PublishVersion", FUNCTION_CHANGES),
            Map.entry("lambda:UpdateAlias", FUNCTION_CHANGES),
            Map.entry("logs:DescribeLogGroups", LOG_GROUP_READS),
            Map.entry("logs:FilterLogEvents", LOG_GROUP_READS),
            Map.entry("logs:StartQuery", LOG_GROUP_READS),
            Map.entry("logs:PutRetentionPolicy", LOG_GROUP_CHANGES),
            Map.entry("logs:DeleteRetentionPolicy", LOG_GROUP_CHANGES),
            Map.entry("cloudwatch:PutMetricAlarm", GUARD_ALARMS),
            Map.entry("cloudwatch:TagResource", GUARD_ALARMS),
            Map.entry("cloudwatch:DescribeAlarms", GUARD_ALARMS),
            Map.entry("cloudwatch:DescribeAlarmHistory", GUARD_ALARMS),
            Map.entry("cloudwatch:DeleteAlarms", GUARD_ALARMS),
            Map.entry("sts:AssumeRole", MEMBER_ROLES),
            Map.entry("organizations:ListAccountsForParent", ORGANIZATION_ACCOUNTS),
            // no resource type in the Service Authorization Reference: only "*" is accepted
            Map.entry("lambda:ListFunctions", ANY),
            Map.entry("lambda:GetAccountSettings", ANY),
            Map.entry("tag:GetResources", ANY),
            Map.entry("cloudwatch:GetMetricData", ANY),
            Map.entry("cloudwatch:ListMetrics", ANY),
            Map.entry("logs:GetQueryResults", ANY),
            Map.entry("logs:StopQuery", ANY),
            Map.entry("ce:GetCostAndUsage", ANY),
            Map.entry("ce:GetCostAndUsageWithResources", ANY),
            Map.entry("ce:ListCostAllocationTags", ANY));

    /** The scope of one declared action; an undeclared one is an error that says where to declare it. */
    public static ResourceScope of(String action) {
        ResourceScope scope = OF_ACTION.get(action);
        if (scope == null) {
            throw new IllegalStateException("the code declares the IAM action " + action + ", which has no resource "
                    + "scope: add it to " + ResourceScope.class.getName() + " with the narrowest resources it accepts");
        }
        return scope;
    }
}
