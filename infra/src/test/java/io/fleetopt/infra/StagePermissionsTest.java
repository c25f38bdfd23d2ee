package io.fleetopt.infra;

import io.fleetopt.applier.aws.LambdaFunctionConfigurator;
import io.fleetopt.collector.aws.AwsFleetSource;
import io.fleetopt.core.model.RecommendationKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every stage's role is granted exactly what its code declares next to its calls, both ways: nothing the code
 * calls is missing, nothing it does not call is granted (beside what every Lambda function needs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StagePermissionsTest {

    private static final FleetoptSettings SCOPED = new FleetoptSettings(List.of("ops@example.com"),
            FleetoptSettings.WEEKLY_SCHEDULE, List.of("team=payments"), List.of("orders-*", "payments-*"),
            List.of("us-east-1", "eu-west-1"), List.of(), 72, 30, 90);

    private SynthesizedStack scoped;
    private SynthesizedStack unscoped;

    @BeforeAll
    void synthesize(@TempDir Path dir) {
        scoped = SynthesizedStack.of(SCOPED, dir.resolve("scoped"));
        unscoped = SynthesizedStack.of(FleetoptSettings.defaults(List.of("ops@example.com")), dir.resolve("unscoped"));
    }

    @Test
    void everyRoleIsGrantedExactlyWhatItsStageDeclaresAndWhatEveryFunctionNeeds() {
        for (SynthesizedStack synth : List.of(scoped, unscoped)) {
            for (StageFunction stage : FleetoptStack.allFunctions()) {
                Set<String> declared = new TreeSet<>(stage.iamActions());
                // a single-account deployment names no member role and no organizational unit: those are not granted
                declared.removeAll(List.of("sts:AssumeRole", "organizations:ListAccountsForParent"));
                if (stage.state().equals("RequestApproval")) {
                    // the approvals table and the link key, granted by the review endpoint's construct
                    declared.addAll(ApprovalEndpoint.REQUEST_APPROVAL_IAM_ACTIONS);
                }
                Set<String> expected = new TreeSet<>(declared);
                expected.addAll(List.of("logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments",
                        "xray:PutTelemetryRecords"));
                if (stage.iamActions().contains("sns:Publish")) {
                    expected.addAll(List.of("kms:Decrypt", "kms:GenerateDataKey*"));
                }
                assertEquals(expected, granted(synth, stage), stage.state() + ": granted vs declared");
                assertTrue(StagePermissions.PLATFORM_ACTIONS.containsAll(
                        expected.stream().filter(a -> !declared.contains(a)).toList()));
            }
        }
    }

    @Test
    void theCollectorMayReadTheLogsItsMemoryEvidenceComesFrom() {
        Set<String> collect = granted(scoped, stage("Collect"));
        assertTrue(collect.containsAll(AwsFleetSource.IAM_ACTIONS), collect.toString());
        assertTrue(collect.containsAll(List.of("logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults")),
                collect.toString());
    }

    @Test
    void autoApplyOnlyRecordsThePolicysDecisionAndMayChangeNoFunction() {
        Set<String> autoApply = granted(scoped, stage("AutoApply"));
        assertTrue(autoApply.stream().filter(a -> !StagePermissions.PLATFORM_ACTIONS.contains(a))
                .noneMatch(a -> a.startsWith("lambda:") || a.startsWith("logs:")), autoApply.toString());
        assertTrue(autoApply.contains("s3:PutObject"), "it writes its decision");
    }

    @Test
    void theApplierSeesTagsAndCanRollARetentionBackToNeverExpire() {
        for (String state : List.of("ApplyItem")) {
            Set<String> applier = granted(scoped, stage(state));
            assertTrue(applier.contains("lambda:ListTags"), "GetFunction returns no tags without lambda:ListTags");
            assertTrue(applier.contains("logs:DeleteRetentionPolicy"), "rolling back to never-expire deletes the policy");
            assertTrue(applier.containsAll(LambdaFunctionConfigurator.READ_IAM_ACTIONS));
        }
    }

    @Test
    void theApplierIsGrantedOnlyTheUpdatesOfKindsTheRulesCanApply() {
        Set<String> applier = granted(scoped, stage("ApplyItem"));
        Set<RecommendationKind> kinds = ApplierPermissions.changeableKinds(io.fleetopt.analyzer.rules.RuleSet.standard());
        assertFalse(kinds.contains(RecommendationKind.RUNTIME) || kinds.contains(RecommendationKind.ARCHITECTURE));
        for (RecommendationKind kind : kinds) {
            assertTrue(applier.containsAll(io.fleetopt.core.change.SettingKinds.iamActionsOf(kind)), kind.toString());
        }
        assertFalse(applier.contains("lambda:UpdateFunctionCode"), "report-only findings (runtime, arm64) grant no code change");
    }

    @Test
    void retentionChangesNameOnlyTheLogGroupsOfFunctionsInScopeAndCarryTheScopeTags() {
        Map<String, Object> change = statement(scoped, "ApplyItem", "ChangeLogGroupsInScope");
        assertEquals(List.of("logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy"), SynthesizedStack.actions(change));
        assertEquals(Map.of("StringEquals", Map.of("aws:ResourceTag/team", "payments")), change.get("Condition"));
        String resources = String.valueOf(change.get("Resource"));
        assertTrue(resources.contains("log-group:/aws/lambda/orders-*:*") && resources.contains("log-group:/aws/lambda/payments-*:*")
                && resources.contains("eu-west-1"), resources);
        assertFalse(resources.contains("log-group:*"), "no log group outside the name patterns: " + resources);
        assertEquals(List.of("logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy"),
                SynthesizedStack.actions(statement(scoped, "ApplyItem", "NeverChangeOwnLogGroups")));
    }

    @Test
    void withScopeTagsOnlyRetentionChangesStillNeedTheLogGroupsOwnTags(@TempDir Path dir) {
        FleetoptSettings tagsOnly = new FleetoptSettings(List.of("ops@example.com"), FleetoptSettings.WEEKLY_SCHEDULE,
                List.of("team=payments", "env=prod"), List.of(), List.of("us-east-1"), List.of(), 72, 30, 90);
        SynthesizedStack synth = SynthesizedStack.of(tagsOnly, dir);
        Map<String, Object> change = statement(synth, "ApplyItem", "ChangeLogGroupsInScope");
        assertEquals(Map.of("StringEquals", Map.of("aws:ResourceTag/team", "payments", "aws:ResourceTag/env", "prod")),
                change.get("Condition"));
        assertEquals(change.get("Condition"), statement(synth, "ApplyItem", "ChangeFunctionsInScope").get("Condition"));
    }

    @Test
    void anActionWithoutAResourceScopeFailsTheSynthNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResourceScope.of("lambda:DeleteFunction"));
        assertTrue(e.getMessage().contains("lambda:DeleteFunction") && e.getMessage().contains("ResourceScope"), e.getMessage());
    }

    @Test
    void everyDeclaredActionHasAResourceScope() {
        for (StageFunction stage : FleetoptStack.allFunctions()) {
            stage.iamActions().forEach(ResourceScope::of);
        }
    }

    private static StageFunction stage(String state) {
        return FleetoptStack.allFunctions().stream().filter(f -> f.state().equals(state)).findFirst().orElseThrow();
    }

    private static Set<String> granted(SynthesizedStack synth, StageFunction stage) {
        return synth.statementsOfRole(stage.state() + "Role").stream()
                .filter(s -> "Allow".equals(s.get("Effect")))
                .flatMap(s -> SynthesizedStack.actions(s).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Object> statement(SynthesizedStack synth, String state, String sid) {
        return synth.statementsOfRole(state + "Role").stream().filter(s -> sid.equals(s.get("Sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " for " + state));
    }
}
