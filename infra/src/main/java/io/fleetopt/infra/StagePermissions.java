package io.fleetopt.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sns.Topic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grants each stage's role exactly the IAM actions its code declares ({@link StageFunction#iamActions()}), each on
 * the resources of its {@link ResourceScope}: the run documents, the ledger, the stage's topic, the functions and
 * log groups in scope (scope tags as a condition on changes), the guard alarms, or {@code *} where IAM accepts
 * nothing else. Changes never reach the optimizer's own functions or log groups: explicit denies, by tag and by
 * name, which no allow overrides. Beside them a role only has {@link #PLATFORM_ACTIONS}.
 */
final class StagePermissions {

    /**
     * What a Lambda function needs whatever its code does, granted by CDK: writing its own log group, X-Ray's active
     * tracing, and the topic key for a stage that publishes to the KMS-encrypted topic.
     */
    static final List<String> PLATFORM_ACTIONS = List.of("logs:CreateLogStream", "logs:PutLogEvents",
            "xray:PutTraceSegments", "xray:PutTelemetryRecords", "kms:Decrypt", "kms:GenerateDataKey*");

    /**
     * The run documents a stage writes, where it is not every document of the run: the appliers never overwrite the
     * plan, the snapshot or a person's decision (ArtifactKeys.outcome, result; AutoApply only its own policy's
     * decision and items, ArtifactKeys.autoDecision), and the summaries
     * write only the weekly report (ReportKeys.report).
     */
    static final Map<String, List<String>> DOCUMENT_WRITES = Map.of(
            "AutoApply", List.of("runs/*/auto-decision.json", "runs/*/auto-decision.items.jsonl"),
            "ApplyItem", List.of("runs/*/outcomes/*"),
            "RecordApplyResult", List.of("runs/*/result.json"),
            "NotifySummary", List.of("runs/*/report.*"),
            "ListTargets", List.of("runs/*/targets.jsonl"),
            "CollectTarget", List.of("runs/*/accounts/*/snapshot.json", "runs/*/evidence/*"),
            "AnalyzeTarget", List.of("runs/*/accounts/*/plan.json"),
            "IndexRun", List.of("runs/*/index.json"),
            "NotifyNoChanges", List.of("runs/*/report.*"),
            "NotifyIndexedPlan", List.of("runs/*/report.*"));

    private final Stack stack;
    private final List<String> scopeTags;
    private final List<String> namePatterns;
    private final List<String> regions;
    private final Bucket artifacts;
    private final Table ledger;
    private final String ownNamePrefix;
    private final MemberAccountSettings members;

    StagePermissions(Stack stack, FleetoptSettings settings, Bucket artifacts, Table ledger, String ownNamePrefix,
                     MemberAccountSettings members) {
        this(stack, settings.scopeTags(), settings.namePatterns(), settings.regions(), artifacts, ledger, ownNamePrefix, members);
    }

    /**
     * For a stack without run documents, ledger or topic (the member stack): only the functions and log groups in
     * scope, and what has no resource type.
     */
    StagePermissions(Stack stack, List<String> scopeTags, List<String> namePatterns, List<String> regions, Bucket artifacts,
                     Table ledger, String ownNamePrefix, MemberAccountSettings members) {
        this.members = members;
        this.stack = stack;
        this.scopeTags = List.copyOf(scopeTags);
        this.namePatterns = List.copyOf(namePatterns);
        this.regions = List.copyOf(regions);
        this.artifacts = artifacts;
        this.ledger = ledger;
        this.ownNamePrefix = ownNamePrefix;
    }

    /** Grants {@code stage}'s declared actions to its role; {@code topic} is the one its messages go to. */
    void grant(StageFunction stage, Role role, Topic topic) {
        Map<ResourceScope, List<String>> byScope = new EnumMap<>(ResourceScope.class);
        for (String action : stage.iamActions()) {
            byScope.computeIfAbsent(ResourceScope.of(action), s -> new ArrayList<>()).add(action);
        }
        List<NagPackSuppression> suppressions = new ArrayList<>();
        byScope.forEach((scope, actions) -> {
            switch (scope) {
                case RUN_DOCUMENTS -> {
                    List<String> reads = actions.stream().filter(a -> !a.equals("s3:PutObject")).toList();
                    if (!reads.isEmpty()) {
                        allow(role, "ReadRunDocuments", reads, List.of(artifacts.arnForObjects("runs/*")), null);
                    }
                    if (actions.contains("s3:PutObject")) {
                        allow(role, "WriteRunDocuments", List.of("s3:PutObject"), DOCUMENT_WRITES
                                .getOrDefault(stage.state(), List.of("runs/*")).stream().map(artifacts::arnForObjects).toList(), null);
                    }
                    suppressions.add(wildcard("Run documents are keyed by run id (runs/<runId>/...), known only at run "
                            + "time; the stage reads objects under runs/ of the artifact bucket, and writes only its own.",
                            "/^Resource::<Artifacts[A-Z0-9]+\\.Arn>\\/runs\\/\\*(\\/[a-z*.-]+)*$/"));
                }
                case ARTIFACT_BUCKET -> allow(role, "ListRunDocuments", actions, List.of(artifacts.getBucketArn()),
                        Map.of("StringLike", Map.of("s3:prefix", List.of("runs/*"))));
                case LEDGER -> {
                    allow(role, "Ledger", actions, List.of(ledger.getTableArn(), ledger.getTableArn() + "/index/*"), null);
                    suppressions.add(wildcard("The ledger is read by key through its own indexes (byFunction, byDay), "
                            + "never scanned; the indexes are named in the stack.", "/^Resource::<Ledger[A-Z0-9]+\\.Arn>\\/index\\/\\*$/"));
                }
                case STAGE_TOPIC -> {
                    if (!actions.equals(List.of("sns:Publish"))) {
                        throw new IllegalStateException(stage.state() + " declares " + actions + " on its topic; only "
                                + "sns:Publish is granted there (with the topic key)");
                    }
                    topic.grantPublish(role);
                    suppressions.add(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                            .reason("Publishing to the KMS-encrypted topic needs kms:GenerateDataKey* (GenerateDataKey "
                                    + "and GenerateDataKeyWithoutPlaintext) on the topic's own key only.")
                            .appliesTo(List.of("Action::kms:GenerateDataKey*")).build());
                }
                case FUNCTION_READS -> {
                    allow(role, "ReadFunctions", actions, functionArnsInScope(), null);
                    suppressions.add(scopeWildcard());
                }
                case FUNCTION_CHANGES -> {
                    allow(role, "ChangeFunctionsInScope", actions, functionArnsInScope(), scopeTagCondition());
                    deny(role, "NeverChangeOwnFunctionsByTag", actions, functionArnsInScope(),
                            Map.of("Null", Map.of("aws:ResourceTag/" + FleetoptStack.OWN_FUNCTION_TAG, "false")));
                    deny(role, "NeverChangeOwnFunctions", actions, perRegion("lambda", "function:" + ownNamePrefix + "*"), null);
                    suppressions.add(scopeWildcard());
                }
                case LOG_GROUP_READS -> {
                    allow(role, "ReadLogGroups", actions, perRegion("logs", "log-group:*"), null);
                    suppressions.add(scopeWildcard());
                }
                case LOG_GROUP_CHANGES -> {
                    allow(role, "ChangeLogGroupsInScope", actions, logGroupArnsInScope(), scopeTagCondition());
                    deny(role, "NeverChangeOwnLogGroups", actions,
                            perRegion("logs", "log-group:/aws/lambda/" + ownNamePrefix + "*"), null);
                    suppressions.add(scopeWildcard());
                }
                case GUARD_ALARMS -> {
                    // the management stack puts its alarms in its own region; the member stack's role puts a member
                    // account's alarms in every region of the scope, beside the functions they watch
                    allow(role, "GuardAlarms", actions, artifacts == null ? perRegion("cloudwatch", "alarm:fleetopt-*")
                            : List.of("arn:" + stack.getPartition() + ":cloudwatch:" + stack.getRegion() + ":" + stack.getAccount()
                            + ":alarm:fleetopt-*"), null);
                    suppressions.add(wildcard("Only alarms whose name starts with fleetopt- (the guard alarms this "
                            + "stage creates per changed function, named at run time).",
                            "/^Resource::arn:<AWS::Partition>:cloudwatch:.+:alarm:fleetopt-\\*$/"));
                }
                case MEMBER_ROLES -> {
                    // a single-account deployment names no member role: nothing to assume, nothing granted
                    List<String> roles = members.memberRoleArns(stack.getPartition());
                    if (!roles.isEmpty()) {
                        allow(role, "AssumeMemberRoles", actions, roles, null);
                        suppressions.add(wildcard("The member role has one name in every member account of the "
                                + "organizational unit, whose accounts are read at run time; it trusts this deployment "
                                + "only with the external id.", "/^Resource::arn:<AWS::Partition>:iam::\\*:role\\/[\\w+=,.@-]+$/"));
                    }
                }
                case ORGANIZATION_ACCOUNTS -> {
                    if (members.readsOrganization()) {
                        allow(role, "ListMemberAccounts", actions, List.of("*"), null);
                        suppressions.add(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                                .reason("organizations:ListAccountsForParent is granted on *: the organizational unit's "
                                        + "ARN carries the organization's id, which the deployment is not given.")
                                .appliesTo(List.of("Resource::*")).build());
                    }
                }
                case ANY -> {
                    allow(role, "NoResourceType", actions, List.of("*"), null);
                    suppressions.add(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                            .reason(String.join(", ", actions) + " have no resource type: IAM accepts only Resource *.")
                            .appliesTo(List.of("Resource::*")).build());
                }
            }
        });
        if (!suppressions.isEmpty()) {
            NagSuppressions.addResourceSuppressions(role, suppressions, true);
        }
    }

    private static void allow(Role role, String sid, List<String> actions, List<String> resources,
                              Map<String, Object> conditions) {
        role.addToPrincipalPolicy(statement(Effect.ALLOW, sid, actions, resources, conditions));
    }

    private static void deny(Role role, String sid, List<String> actions, List<String> resources,
                             Map<String, Object> conditions) {
        role.addToPrincipalPolicy(statement(Effect.DENY, sid, actions, resources, conditions));
    }

    private static PolicyStatement statement(Effect effect, String sid, List<String> actions, List<String> resources,
                                             Map<String, Object> conditions) {
        PolicyStatement.Builder builder = PolicyStatement.Builder.create().sid(sid).effect(effect)
                .actions(actions).resources(resources);
        if (conditions != null && !conditions.isEmpty()) {
            builder.conditions(conditions);
        }
        return builder.build();
    }

    /** The scope tags as a condition on the changed resource's own tags; null when there are none. */
    private Map<String, Object> scopeTagCondition() {
        Map<String, Object> tags = new LinkedHashMap<>();
        for (String tag : scopeTags) {
            String[] kv = tag.split("=", 2);
            tags.put("aws:ResourceTag/" + kv[0], kv[1]);
        }
        return tags.isEmpty() ? null : Map.of("StringEquals", tags);
    }

    private List<String> functionArnsInScope() {
        List<String> arns = new ArrayList<>();
        for (String pattern : namePatterns()) {
            arns.addAll(perRegion("lambda", "function:" + pattern));
            if (!pattern.endsWith("*")) {
                // its aliases and versions (GetAlias, UpdateAlias, provisioned concurrency name the qualified ARN)
                arns.addAll(perRegion("lambda", "function:" + pattern + ":*"));
            }
        }
        return arns;
    }

    /** The default log group of each function in scope, {@code /aws/lambda/<name>}. */
    private List<String> logGroupArnsInScope() {
        List<String> arns = new ArrayList<>();
        for (String pattern : namePatterns()) {
            arns.addAll(perRegion("logs", "log-group:/aws/lambda/" + pattern + ":*"));
        }
        return arns;
    }

    private List<String> namePatterns() {
        return namePatterns.isEmpty() ? List.of("*") : namePatterns;
    }

    private List<String> perRegion(String service, String resource) {
        return regions.stream().map(region -> "arn:" + stack.getPartition() + ":" + service + ":" + region
                + ":" + stack.getAccount() + ":" + resource).toList();
    }

    private static NagPackSuppression scopeWildcard() {
        return wildcard("The functions are found at run time by their tags and name patterns, so the resources name "
                        + "the scope (name patterns per region, every name when none is given); changes carry the scope "
                        + "tags as a condition, and explicit denies keep the optimizer's own functions and log groups out.",
                "/^Resource::arn:<AWS::Partition>:(lambda|logs):.*\\*.*$/");
    }

    private static NagPackSuppression wildcard(String reason, String regex) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason)
                .appliesTo(List.of(RegexAppliesTo.builder().regex(regex).build())).build();
    }
}
